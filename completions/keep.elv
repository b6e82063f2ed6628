
use builtin;
use str;

set edit:completion:arg-completer[keep] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'keep'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'keep'= {
            cand --server 'Use the `keep serve` at URL instead of the local store'
            cand -e 'Environment the secrets live in'
            cand --env 'Environment the secrets live in'
            cand --home 'Directory of the local store [default: ~/.local/share/keep]'
            cand --color 'When to use colors'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print no messages, only data'
            cand --quiet 'Print no messages, only data'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand create 'Create a secret from KEY=VALUE pairs and files'
            cand list 'List secrets, newest first'
            cand show 'Show a secret''s details and keys'
            cand update 'Add, change or remove variables of an existing secret'
            cand delete 'Delete a secret (irreversible)'
            cand import-dotenv 'Create a secret from the nearest .env file'
            cand import-env 'Create a secret from local environment variables'
            cand run 'Run a program with secrets'' variables in its environment'
            cand export 'Print a secret''s values as a dotenv file, JSON or shell `export` lines'
            cand serve 'Run the keep HTTP server'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'keep;create'= {
            cand --from-file 'Read KEY''s value from the file at PATH, byte for byte (repeatable)'
            cand --from-dotenv 'Read variables from a dotenv file (python-dotenv syntax)'
            cand --from-json 'Read variables from a JSON object of strings'
            cand --server 'Use the `keep serve` at URL instead of the local store'
            cand -e 'Environment the secrets live in'
            cand --env 'Environment the secrets live in'
            cand --home 'Directory of the local store [default: ~/.local/share/keep]'
            cand --color 'When to use colors'
            cand --allow-existing 'If the secret exists, keep its values and succeed'
            cand --force 'If the secret exists, replace its values'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print no messages, only data'
            cand --quiet 'Print no messages, only data'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keep;list'= {
            cand --max 'Show at most N secrets'
            cand --created-before 'Only secrets created before DATE'
            cand --server 'Use the `keep serve` at URL instead of the local store'
            cand -e 'Environment the secrets live in'
            cand --env 'Environment the secrets live in'
            cand --home 'Directory of the local store [default: ~/.local/share/keep]'
            cand --color 'When to use colors'
            cand --all 'Show every secret, however many'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print no messages, only data'
            cand --quiet 'Print no messages, only data'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keep;show'= {
            cand --require 'Fail unless the secret has KEY (repeatable)'
            cand --server 'Use the `keep serve` at URL instead of the local store'
            cand -e 'Environment the secrets live in'
            cand --env 'Environment the secrets live in'
            cand --home 'Directory of the local store [default: ~/.local/share/keep]'
            cand --color 'When to use colors'
            cand --reveal 'Print the values instead of masking them'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print no messages, only data'
            cand --quiet 'Print no messages, only data'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keep;update'= {
            cand --from-file 'Read KEY''s value from the file at PATH, byte for byte (repeatable)'
            cand --unset 'Remove KEY from the secret (repeatable)'
            cand --server 'Use the `keep serve` at URL instead of the local store'
            cand -e 'Environment the secrets live in'
            cand --env 'Environment the secrets live in'
            cand --home 'Directory of the local store [default: ~/.local/share/keep]'
            cand --color 'When to use colors'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print no messages, only data'
            cand --quiet 'Print no messages, only data'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keep;delete'= {
            cand --server 'Use the `keep serve` at URL instead of the local store'
            cand -e 'Environment the secrets live in'
            cand --env 'Environment the secrets live in'
            cand --home 'Directory of the local store [default: ~/.local/share/keep]'
            cand --color 'When to use colors'
            cand --allow-missing 'Succeed if the secret does not exist'
            cand -y 'Do not ask for confirmation'
            cand --yes 'Do not ask for confirmation'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print no messages, only data'
            cand --quiet 'Print no messages, only data'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keep;import-dotenv'= {
            cand --filename 'Name of the file to look for'
            cand --server 'Use the `keep serve` at URL instead of the local store'
            cand -e 'Environment the secrets live in'
            cand --env 'Environment the secrets live in'
            cand --home 'Directory of the local store [default: ~/.local/share/keep]'
            cand --color 'When to use colors'
            cand --allow-existing 'If the secret exists, keep its values and succeed'
            cand --force 'If the secret exists, replace its values'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print no messages, only data'
            cand --quiet 'Print no messages, only data'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keep;import-env'= {
            cand --server 'Use the `keep serve` at URL instead of the local store'
            cand -e 'Environment the secrets live in'
            cand --env 'Environment the secrets live in'
            cand --home 'Directory of the local store [default: ~/.local/share/keep]'
            cand --color 'When to use colors'
            cand --allow-existing 'If the secret exists, keep its values and succeed'
            cand --force 'If the secret exists, replace its values'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print no messages, only data'
            cand --quiet 'Print no messages, only data'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keep;run'= {
            cand --require 'Fail before starting anything unless some secret has KEY (repeatable)'
            cand --server 'Use the `keep serve` at URL instead of the local store'
            cand -e 'Environment the secrets live in'
            cand --env 'Environment the secrets live in'
            cand --home 'Directory of the local store [default: ~/.local/share/keep]'
            cand --color 'When to use colors'
            cand --no-inherit-env 'Start from an empty environment plus PATH, instead of the current one'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print no messages, only data'
            cand --quiet 'Print no messages, only data'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keep;export'= {
            cand --format 'Output format [default: dotenv; json with --json]'
            cand -o 'Write to PATH (mode 0600, replaced atomically) instead of stdout'
            cand --output 'Write to PATH (mode 0600, replaced atomically) instead of stdout'
            cand --server 'Use the `keep serve` at URL instead of the local store'
            cand -e 'Environment the secrets live in'
            cand --env 'Environment the secrets live in'
            cand --home 'Directory of the local store [default: ~/.local/share/keep]'
            cand --color 'When to use colors'
            cand --reveal 'Print the values on a terminal without asking'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print no messages, only data'
            cand --quiet 'Print no messages, only data'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keep;serve'= {
            cand --listen 'Address to listen on, HOST:PORT (port 0 picks a free port)'
            cand --data-dir 'Data directory [default: ~/.local/share/keep/server]'
            cand --database 'Database: `postgres://...` for several replicas, or `sqlite://PATH` [default: DIR/keep.db]'
            cand --auth-failure-limit 'Failed authentications a client address may make per minute before it is refused with 429 for the rest of that minute (0: no limit)'
            cand --server 'Use the `keep serve` at URL instead of the local store'
            cand -e 'Environment the secrets live in'
            cand --env 'Environment the secrets live in'
            cand --home 'Directory of the local store [default: ~/.local/share/keep]'
            cand --color 'When to use colors'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print no messages, only data'
            cand --quiet 'Print no messages, only data'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keep;completions'= {
            cand --server 'Use the `keep serve` at URL instead of the local store'
            cand -e 'Environment the secrets live in'
            cand --env 'Environment the secrets live in'
            cand --home 'Directory of the local store [default: ~/.local/share/keep]'
            cand --color 'When to use colors'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print no messages, only data'
            cand --quiet 'Print no messages, only data'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keep;help'= {
            cand create 'Create a secret from KEY=VALUE pairs and files'
            cand list 'List secrets, newest first'
            cand show 'Show a secret''s details and keys'
            cand update 'Add, change or remove variables of an existing secret'
            cand delete 'Delete a secret (irreversible)'
            cand import-dotenv 'Create a secret from the nearest .env file'
            cand import-env 'Create a secret from local environment variables'
            cand run 'Run a program with secrets'' variables in its environment'
            cand export 'Print a secret''s values as a dotenv file, JSON or shell `export` lines'
            cand serve 'Run the keep HTTP server'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'keep;help;create'= {
        }
        &'keep;help;list'= {
        }
        &'keep;help;show'= {
        }
        &'keep;help;update'= {
        }
        &'keep;help;delete'= {
        }
        &'keep;help;import-dotenv'= {
        }
        &'keep;help;import-env'= {
        }
        &'keep;help;run'= {
        }
        &'keep;help;export'= {
        }
        &'keep;help;serve'= {
        }
        &'keep;help;completions'= {
        }
        &'keep;help;help'= {
        }
    ]
    $completions[$command]
}
