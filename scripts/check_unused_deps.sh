#!/usr/bin/env bash
# Fails naming every dependency in Cargo.toml that no code uses, and every [dependencies]
# entry that only tests or examples use (it belongs in [dev-dependencies]).
#
# A crate counts as used where its identifier (dashes as underscores) appears as a path
# (`ident::`), in `use ident` or in `extern crate ident`, outside whole-line comments:
#   [dependencies], [target.*.dependencies]   in src/
#   [dev-dependencies] (and target ones)      in src/ (unit tests), tests/, examples/, benches/
#   [build-dependencies]                      in build.rs
# A crate used only through a feature it turns on, or only by a macro's expansion, names
# no path: list it under `ignored` in [package.metadata.cargo-machete] (one line), with a
# comment saying why. cargo-machete reads the same list.
#
# Why not cargo-machete itself: installing it takes minutes of CI time, and it counts a use
# anywhere in the package, so it does not notice a [dependencies] entry only examples use.
set -euo pipefail
cd "$(dirname "$0")/.."

manifest=Cargo.toml

# "kind name" for every dependency, kind being normal, dev or build.
deps=$(awk '
    /^\[/ {
        kind = ""
        if ($0 ~ /^\[(target\..*\.)?dependencies\]/) kind = "normal"
        else if ($0 ~ /^\[(target\..*\.)?dev-dependencies\]/) kind = "dev"
        else if ($0 ~ /^\[(target\..*\.)?build-dependencies\]/) kind = "build"
        else if (match($0, /^\[(target\..*\.)?(dev-|build-)?dependencies\.[A-Za-z0-9_-]+\]/)) {
            # [dependencies.NAME]: a table of its own.
            name = $0; sub(/\]$/, "", name); sub(/.*\./, "", name)
            k = ($0 ~ /dev-dependencies\./) ? "dev" : ($0 ~ /build-dependencies\./) ? "build" : "normal"
            print k, name
        }
        next
    }
    kind != "" && /^[A-Za-z0-9_-]+[ \t]*=/ {
        name = $0; sub(/[ \t]*=.*/, "", name)
        print kind, name
    }
' "$manifest")

ignored=$(awk '
    /^\[/ { on = ($0 == "[package.metadata.cargo-machete]"); next }
    on && /^ignored[ \t]*=/ { sub(/^[^[]*\[/, ""); sub(/\].*/, ""); gsub(/[" \t]/, ""); gsub(/,/, " "); print }
' "$manifest")

# Rust sources under the given paths (those that exist), whole-line comments dropped.
sources() {
    local paths=()
    for p in "$@"; do [ -e "$p" ] && paths+=("$p"); done
    [ ${#paths[@]} -gt 0 ] || return 0
    find "${paths[@]}" -name '*.rs' -type f -print0 | xargs -0 -r cat | grep -v '^[[:space:]]*//' || true
}
src=$(sources src)
dev=$(sources src tests examples benches)
build=$(sources build.rs)

uses() { # uses TEXT IDENT
    grep -qE "(^|[^A-Za-z0-9_:])$2::|(^|[^A-Za-z0-9_])use $2\b|extern crate $2\b" <<<"$1"
}

unused=()
misplaced=()
while read -r kind name; do
    [ -n "$name" ] || continue
    case " $ignored " in *" $name "*) continue ;; esac
    ident=${name//-/_}
    case $kind in
        normal)
            if uses "$src" "$ident"; then :
            elif uses "$dev" "$ident"; then misplaced+=("$name")
            else unused+=("$name"); fi ;;
        dev) uses "$dev" "$ident" || unused+=("$name") ;;
        build) uses "$build" "$ident" || unused+=("$name") ;;
    esac
done <<<"$deps"

count=$(grep -c . <<<"$deps")
if [ ${#unused[@]} -eq 0 ] && [ ${#misplaced[@]} -eq 0 ]; then
    echo "unused dependencies: none ($count checked)"
    exit 0
fi
[ ${#unused[@]} -eq 0 ] || echo "error: unused dependencies in $manifest: ${unused[*]}"
[ ${#misplaced[@]} -eq 0 ] ||
    echo "error: used only by tests or examples, move to [dev-dependencies]: ${misplaced[*]}"
echo "hint: remove them, or if one is used only through a feature or a macro, add it to \`ignored\` in [package.metadata.cargo-machete] saying why"
exit 1
