#!/usr/bin/env bash
# Imports run down the layers only (STYLE.md, section 6): a module may use the modules of
# lower layers, never those of its own layer or above (but for the top layer, whose parts
# call each other). Reads every `crate::NAME` in src/ (`use crate::x`, `use crate::{a, b}`,
# paths in code, `$crate::` in macros; comments skipped), and inside src/cmd/ and
# src/server/ the `super::NAME` of sibling files. Prints each import that runs back up and
# exits 1 if there is one. Usage: scripts/check_layers.sh (from anywhere; no build needed).
set -euo pipefail
cd "$(dirname "$0")/.."

exec perl -e '
use strict;
use warnings;

# Top-level modules of src/, from the top layer down. db and crypto are side by side under
# service (neither uses the other); the bottom is split so that its parts cannot form a cycle.
my @layers = (
    [qw(main lib cli cmd complete generate output)],
    [qw(backend)],
    [qw(client server)],
    [qw(service)],
    [qw(db crypto)],
    [qw(dotenv api config)],
    [qw(model fs)],
    [qw(error)],
);
my %rank;
for my $i (0 .. $#layers) { $rank{$_} = $#layers - $i for @{ $layers[$i] } }
my $top = $#layers;

# Inside a directory: which files sit above the others. cmd: a command file uses only the
# shared helpers, never another command (a command nested under another is listed); the
# helpers use no command. server: the routes and handlers sit above the layers, extractors
# and machinery they use. mod.rs is the root either way (shared state, the table).
my %inner = (
    cmd => {
        shared => { map { $_ => 1 } qw(args common input export_format target) },
        nested => {
            "serve" => { rotate_key => 1, admin_token => 1 },
            "run" => { misread => 1 },
        },
    },
    server => {
        upper => { map { $_ => 1 } qw(handlers admin environments versions openapi routes) },
    },
);

# Back-up imports another branch is removing: reported, not failed on.
my %known = ();

my @files = sort split /\n/, `find src -name "*.rs"`;
my (@bad, @notes);
for my $file (@files) {
    my ($top_mod) = $file =~ m{^src/([^/.]+)};
    my $mine = $rank{$top_mod};
    if (!defined $mine) {
        push @bad, "$file: module `$top_mod` has no layer: add it to \@layers in $ARGV[0]";
        next;
    }
    open my $fh, "<", $file or die "$file: $!";
    my $n = 0;
    my $text = "";
    my @line_of;    # offset in $text -> line number
    while (my $line = <$fh>) {
        $n++;
        $line =~ s{//.*}{};    # comments (and, harmlessly, the rest of a line after a URL)
        push @line_of, [length $text, $n];
        $text .= $line;
    }
    close $fh;
    my $line_at = sub {
        my $pos = shift;
        my $l = 1;
        for (@line_of) { last if $_->[0] > $pos; $l = $_->[1] }
        return $l;
    };
    my @refs;    # [target module, what, line]
    while ($text =~ /(?<![\w:])\$?crate::(\w+)/g) {
        push @refs, [$1, "crate::$1", $line_at->($-[0])];
    }
    while ($text =~ /(?<![\w:])crate::\{/g) {
        my $start = $-[0];
        my $depth = 1;
        my $pos = pos($text);
        my $inside = "";
        while ($depth > 0 && $pos < length $text) {
            my $c = substr($text, $pos++, 1);
            if ($c eq "{") { $depth++ }
            elsif ($c eq "}") { $depth-- }
            elsif ($depth == 1) { $inside .= $c }
        }
        for my $item (split /,/, $inside) {
            next unless $item =~ /^\s*(\w+)/;
            next if $1 eq "self";
            push @refs, [$1, "crate::{$1}", $line_at->($start)];
        }
    }
    for my $ref (@refs) {
        my ($target, $what, $line) = @$ref;
        next if $target eq $top_mod;
        my $module = exists $rank{$target} ? $target : "lib";    # crate::run and the like
        my $theirs = $rank{$module};
        next if $theirs < $mine || ($theirs == $top && $mine == $top);
        my $how = $theirs == $mine ? "its own layer" : "a higher layer";
        push @bad, "$file:$line: $top_mod imports $module ($how): $what";
    }

    # Sibling files in cmd/ and server/.
    my ($dir, $stem) = $file =~ m{^src/(cmd|server)/(\w+)\.rs$} or next;
    next if $stem eq "mod";
    my %siblings = map { m{/(\w+)\.rs$} ? ($1 => 1) : () } grep { m{^src/$dir/\w+\.rs$} } @files;
    my %used;
    $used{$1} //= $line_at->($-[0]) while $text =~ /(?<![\w:])super::(\w+)/g;
    $used{$1} //= $line_at->($-[0]) while $text =~ /(?<![\w:])crate::$dir\::(\w+)/g;
    for my $target (sort keys %used) {
        next unless $siblings{$target} && $target ne "mod" && $target ne $stem;
        my $why;
        if ($dir eq "cmd") {
            my $rules = $inner{cmd};
            next if $rules->{shared}{$target} || $rules->{nested}{$stem}{$target};
            $why = $rules->{shared}{$stem} ? "a shared helper imports a command"
                                           : "a command imports another command";
        } else {
            my $upper = $inner{server}{upper};
            next if $upper->{$stem} || !$upper->{$target};
            $why = "a layer under the handlers imports them";
        }
        my $msg = "$file:$used{$target}: $dir\::$stem imports $dir\::$target ($why)";
        if (my $note = $known{"$file $dir\::$target"}) {
            push @notes, "known: $msg: $note";
        } else {
            push @bad, $msg;
        }
    }
}

print "$_\n" for @notes;
if (@bad) {
    print "imports that run back up the layers:\n";
    print "  $_\n" for @bad;
    print "layers, top to bottom: ", join(" -> ", map { join(", ", @$_) } @layers), "\n";
    print "move the helper down to the layer that needs it (STYLE.md, section 6)\n";
    exit 1;
}
printf "layers: %d files, no import runs back up%s\n", scalar @files,
    @notes ? " (but for the known one" . (@notes > 1 ? "s" : "") . " above)" : "";
' "$0"
