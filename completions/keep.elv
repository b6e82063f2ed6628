
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
            cand --server 'Use the `keep serve` at URL instead of the profile''s server or the local store'
            cand --profile 'Use the saved profile NAME instead of the active one'
            cand --ca-cert 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s'
            cand --timeout 'Seconds to wait for the server''s answer [default: the profile''s, else 10]'
            cand -e 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
            cand --env 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
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
            cand edit 'Edit a secret''s values in your editor, saved as one update'
            cand delete 'Delete a secret (irreversible)'
            cand history 'List a secret''s versions: when, who, which keys changed (never values)'
            cand diff 'Compare two versions of a secret: keys added, changed and removed'
            cand rollback 'Make the values of an earlier version the current ones (as a new version)'
            cand rename 'Rename a secret (its id and history stay)'
            cand copy 'Copy a secret to another environment or name'
            cand environment 'Manage environments: list, create, delete'
            cand env 'Manage environments: list, create, delete'
            cand import-dotenv 'Create a secret from the nearest .env file'
            cand import-env 'Create a secret from local environment variables'
            cand run 'Run a program with secrets'' variables in its environment'
            cand export 'Print a secret''s values as a dotenv file, JSON or shell `export` lines'
            cand login 'Save a server and its token as a profile, after checking the token'
            cand logout 'Remove a profile and its token from this machine'
            cand profile 'Manage the profiles `keep login` saved'
            cand status 'Show where commands go (local store or server), the token and the active profile'
            cand dashboard 'Browse and edit the local store in a browser'
            cand token 'Manage the API tokens of a keep server (admin)'
            cand audit 'Show the server''s audit log (admin)'
            cand completions 'Print a shell completion script'
            cand serve 'Run the keep HTTP server'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'keep;create'= {
            cand --from-file 'Read KEY''s value from the file at PATH, byte for byte (repeatable); `-` is stdin'
            cand --from-dotenv 'Read variables from a dotenv file (python-dotenv syntax); `-` is stdin'
            cand --from-json 'Read variables from a JSON object of strings; `-` is stdin'
            cand --server 'Use the `keep serve` at URL instead of the profile''s server or the local store'
            cand --profile 'Use the saved profile NAME instead of the active one'
            cand --ca-cert 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s'
            cand --timeout 'Seconds to wait for the server''s answer [default: the profile''s, else 10]'
            cand -e 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
            cand --env 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
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
            cand --server 'Use the `keep serve` at URL instead of the profile''s server or the local store'
            cand --profile 'Use the saved profile NAME instead of the active one'
            cand --ca-cert 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s'
            cand --timeout 'Seconds to wait for the server''s answer [default: the profile''s, else 10]'
            cand -e 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
            cand --env 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
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
            cand --version 'Show version N of the secret instead of the current one (see `keep history`)'
            cand --server 'Use the `keep serve` at URL instead of the profile''s server or the local store'
            cand --profile 'Use the saved profile NAME instead of the active one'
            cand --ca-cert 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s'
            cand --timeout 'Seconds to wait for the server''s answer [default: the profile''s, else 10]'
            cand -e 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
            cand --env 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
            cand --home 'Directory of the local store [default: ~/.local/share/keep]'
            cand --color 'When to use colors'
            cand --reveal 'Print the values instead of masking them'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print no messages, only data'
            cand --quiet 'Print no messages, only data'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'keep;update'= {
            cand --from-file 'Read KEY''s value from the file at PATH, byte for byte (repeatable); `-` is stdin'
            cand --from-dotenv 'Read variables from a dotenv file (python-dotenv syntax); `-` is stdin'
            cand --from-json 'Read variables from a JSON object of strings; `-` is stdin'
            cand --unset 'Remove KEY from the secret (repeatable)'
            cand --if-version 'Update only if the secret is still at version N (from `keep show NAME --json`); otherwise fail with exit code 4 (`version_conflict`), naming the current version'
            cand --server 'Use the `keep serve` at URL instead of the profile''s server or the local store'
            cand --profile 'Use the saved profile NAME instead of the active one'
            cand --ca-cert 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s'
            cand --timeout 'Seconds to wait for the server''s answer [default: the profile''s, else 10]'
            cand -e 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
            cand --env 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
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
        &'keep;edit'= {
            cand --server 'Use the `keep serve` at URL instead of the profile''s server or the local store'
            cand --profile 'Use the saved profile NAME instead of the active one'
            cand --ca-cert 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s'
            cand --timeout 'Seconds to wait for the server''s answer [default: the profile''s, else 10]'
            cand -e 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
            cand --env 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
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
            cand --server 'Use the `keep serve` at URL instead of the profile''s server or the local store'
            cand --profile 'Use the saved profile NAME instead of the active one'
            cand --ca-cert 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s'
            cand --timeout 'Seconds to wait for the server''s answer [default: the profile''s, else 10]'
            cand -e 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
            cand --env 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
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
        &'keep;history'= {
            cand --max 'Show at most N versions, the newest'
            cand --server 'Use the `keep serve` at URL instead of the profile''s server or the local store'
            cand --profile 'Use the saved profile NAME instead of the active one'
            cand --ca-cert 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s'
            cand --timeout 'Seconds to wait for the server''s answer [default: the profile''s, else 10]'
            cand -e 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
            cand --env 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
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
        &'keep;diff'= {
            cand --server 'Use the `keep serve` at URL instead of the profile''s server or the local store'
            cand --profile 'Use the saved profile NAME instead of the active one'
            cand --ca-cert 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s'
            cand --timeout 'Seconds to wait for the server''s answer [default: the profile''s, else 10]'
            cand -e 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
            cand --env 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
            cand --home 'Directory of the local store [default: ~/.local/share/keep]'
            cand --color 'When to use colors'
            cand --reveal 'Show the values of the keys that differ'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print no messages, only data'
            cand --quiet 'Print no messages, only data'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keep;rollback'= {
            cand --if-version 'Roll back only if the secret is still at version M'
            cand --server 'Use the `keep serve` at URL instead of the profile''s server or the local store'
            cand --profile 'Use the saved profile NAME instead of the active one'
            cand --ca-cert 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s'
            cand --timeout 'Seconds to wait for the server''s answer [default: the profile''s, else 10]'
            cand -e 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
            cand --env 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
            cand --home 'Directory of the local store [default: ~/.local/share/keep]'
            cand --color 'When to use colors'
            cand -y 'Do not ask for confirmation'
            cand --yes 'Do not ask for confirmation'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print no messages, only data'
            cand --quiet 'Print no messages, only data'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'keep;rename'= {
            cand --server 'Use the `keep serve` at URL instead of the profile''s server or the local store'
            cand --profile 'Use the saved profile NAME instead of the active one'
            cand --ca-cert 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s'
            cand --timeout 'Seconds to wait for the server''s answer [default: the profile''s, else 10]'
            cand -e 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
            cand --env 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
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
        &'keep;copy'= {
            cand --to-env 'The environment to copy to [default: the secret''s own, with --as]'
            cand --as 'The copy''s name [default: the same name]'
            cand --server 'Use the `keep serve` at URL instead of the profile''s server or the local store'
            cand --profile 'Use the saved profile NAME instead of the active one'
            cand --ca-cert 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s'
            cand --timeout 'Seconds to wait for the server''s answer [default: the profile''s, else 10]'
            cand -e 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
            cand --env 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
            cand --home 'Directory of the local store [default: ~/.local/share/keep]'
            cand --color 'When to use colors'
            cand --force 'Replace the values of a secret of that name in the target environment'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print no messages, only data'
            cand --quiet 'Print no messages, only data'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keep;environment'= {
            cand --server 'Use the `keep serve` at URL instead of the profile''s server or the local store'
            cand --profile 'Use the saved profile NAME instead of the active one'
            cand --ca-cert 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s'
            cand --timeout 'Seconds to wait for the server''s answer [default: the profile''s, else 10]'
            cand -e 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
            cand --env 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
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
            cand list 'List environments, sorted'
            cand create 'Create an environment'
            cand delete 'Delete an environment (with its secrets only with --force)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'keep;env'= {
            cand --server 'Use the `keep serve` at URL instead of the profile''s server or the local store'
            cand --profile 'Use the saved profile NAME instead of the active one'
            cand --ca-cert 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s'
            cand --timeout 'Seconds to wait for the server''s answer [default: the profile''s, else 10]'
            cand -e 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
            cand --env 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
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
            cand list 'List environments, sorted'
            cand create 'Create an environment'
            cand delete 'Delete an environment (with its secrets only with --force)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'keep;environment;list'= {
            cand --server 'Use the `keep serve` at URL instead of the profile''s server or the local store'
            cand --profile 'Use the saved profile NAME instead of the active one'
            cand --ca-cert 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s'
            cand --timeout 'Seconds to wait for the server''s answer [default: the profile''s, else 10]'
            cand -e 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
            cand --env 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
            cand --home 'Directory of the local store [default: ~/.local/share/keep]'
            cand --color 'When to use colors'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print no messages, only data'
            cand --quiet 'Print no messages, only data'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keep;env;list'= {
            cand --server 'Use the `keep serve` at URL instead of the profile''s server or the local store'
            cand --profile 'Use the saved profile NAME instead of the active one'
            cand --ca-cert 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s'
            cand --timeout 'Seconds to wait for the server''s answer [default: the profile''s, else 10]'
            cand -e 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
            cand --env 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
            cand --home 'Directory of the local store [default: ~/.local/share/keep]'
            cand --color 'When to use colors'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print no messages, only data'
            cand --quiet 'Print no messages, only data'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keep;environment;create'= {
            cand --server 'Use the `keep serve` at URL instead of the profile''s server or the local store'
            cand --profile 'Use the saved profile NAME instead of the active one'
            cand --ca-cert 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s'
            cand --timeout 'Seconds to wait for the server''s answer [default: the profile''s, else 10]'
            cand -e 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
            cand --env 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
            cand --home 'Directory of the local store [default: ~/.local/share/keep]'
            cand --color 'When to use colors'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print no messages, only data'
            cand --quiet 'Print no messages, only data'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keep;env;create'= {
            cand --server 'Use the `keep serve` at URL instead of the profile''s server or the local store'
            cand --profile 'Use the saved profile NAME instead of the active one'
            cand --ca-cert 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s'
            cand --timeout 'Seconds to wait for the server''s answer [default: the profile''s, else 10]'
            cand -e 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
            cand --env 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
            cand --home 'Directory of the local store [default: ~/.local/share/keep]'
            cand --color 'When to use colors'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print no messages, only data'
            cand --quiet 'Print no messages, only data'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keep;environment;delete'= {
            cand --server 'Use the `keep serve` at URL instead of the profile''s server or the local store'
            cand --profile 'Use the saved profile NAME instead of the active one'
            cand --ca-cert 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s'
            cand --timeout 'Seconds to wait for the server''s answer [default: the profile''s, else 10]'
            cand -e 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
            cand --env 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
            cand --home 'Directory of the local store [default: ~/.local/share/keep]'
            cand --color 'When to use colors'
            cand --force 'Delete it even if it holds secrets, and them with it (irreversible)'
            cand -y 'Do not ask for confirmation'
            cand --yes 'Do not ask for confirmation'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print no messages, only data'
            cand --quiet 'Print no messages, only data'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keep;env;delete'= {
            cand --server 'Use the `keep serve` at URL instead of the profile''s server or the local store'
            cand --profile 'Use the saved profile NAME instead of the active one'
            cand --ca-cert 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s'
            cand --timeout 'Seconds to wait for the server''s answer [default: the profile''s, else 10]'
            cand -e 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
            cand --env 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
            cand --home 'Directory of the local store [default: ~/.local/share/keep]'
            cand --color 'When to use colors'
            cand --force 'Delete it even if it holds secrets, and them with it (irreversible)'
            cand -y 'Do not ask for confirmation'
            cand --yes 'Do not ask for confirmation'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print no messages, only data'
            cand --quiet 'Print no messages, only data'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keep;environment;help'= {
            cand list 'List environments, sorted'
            cand create 'Create an environment'
            cand delete 'Delete an environment (with its secrets only with --force)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'keep;environment;help;list'= {
        }
        &'keep;environment;help;create'= {
        }
        &'keep;environment;help;delete'= {
        }
        &'keep;environment;help;help'= {
        }
        &'keep;env;help'= {
            cand list 'List environments, sorted'
            cand create 'Create an environment'
            cand delete 'Delete an environment (with its secrets only with --force)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'keep;env;help;list'= {
        }
        &'keep;env;help;create'= {
        }
        &'keep;env;help;delete'= {
        }
        &'keep;env;help;help'= {
        }
        &'keep;import-dotenv'= {
            cand --filename 'Name of the file to look for'
            cand --server 'Use the `keep serve` at URL instead of the profile''s server or the local store'
            cand --profile 'Use the saved profile NAME instead of the active one'
            cand --ca-cert 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s'
            cand --timeout 'Seconds to wait for the server''s answer [default: the profile''s, else 10]'
            cand -e 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
            cand --env 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
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
            cand --server 'Use the `keep serve` at URL instead of the profile''s server or the local store'
            cand --profile 'Use the saved profile NAME instead of the active one'
            cand --ca-cert 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s'
            cand --timeout 'Seconds to wait for the server''s answer [default: the profile''s, else 10]'
            cand -e 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
            cand --env 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
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
            cand --server 'Use the `keep serve` at URL instead of the profile''s server or the local store'
            cand --profile 'Use the saved profile NAME instead of the active one'
            cand --ca-cert 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s'
            cand --timeout 'Seconds to wait for the server''s answer [default: the profile''s, else 10]'
            cand -e 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
            cand --env 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
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
            cand --version 'Export version N of the secret instead of the current one (see `keep history`)'
            cand --server 'Use the `keep serve` at URL instead of the profile''s server or the local store'
            cand --profile 'Use the saved profile NAME instead of the active one'
            cand --ca-cert 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s'
            cand --timeout 'Seconds to wait for the server''s answer [default: the profile''s, else 10]'
            cand -e 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
            cand --env 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
            cand --home 'Directory of the local store [default: ~/.local/share/keep]'
            cand --color 'When to use colors'
            cand --reveal 'Print the values on a terminal without asking'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print no messages, only data'
            cand --quiet 'Print no messages, only data'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'keep;login'= {
            cand --fingerprint 'Trust the certificate with this SHA-256 fingerprint in the server''s chain (as `keep serve --tls-self-signed` prints it) instead of --ca-cert'
            cand --server 'Use the `keep serve` at URL instead of the profile''s server or the local store'
            cand --profile 'Use the saved profile NAME instead of the active one'
            cand --ca-cert 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s'
            cand --timeout 'Seconds to wait for the server''s answer [default: the profile''s, else 10]'
            cand -e 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
            cand --env 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
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
        &'keep;logout'= {
            cand --server 'Use the `keep serve` at URL instead of the profile''s server or the local store'
            cand --profile 'Use the saved profile NAME instead of the active one'
            cand --ca-cert 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s'
            cand --timeout 'Seconds to wait for the server''s answer [default: the profile''s, else 10]'
            cand -e 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
            cand --env 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
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
        &'keep;profile'= {
            cand --server 'Use the `keep serve` at URL instead of the profile''s server or the local store'
            cand --profile 'Use the saved profile NAME instead of the active one'
            cand --ca-cert 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s'
            cand --timeout 'Seconds to wait for the server''s answer [default: the profile''s, else 10]'
            cand -e 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
            cand --env 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
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
            cand list 'List profiles: which is active, their servers and token names (never the tokens)'
            cand use 'Make a profile the active one'
            cand remove 'Remove a profile and its token from this machine'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'keep;profile;list'= {
            cand --server 'Use the `keep serve` at URL instead of the profile''s server or the local store'
            cand --profile 'Use the saved profile NAME instead of the active one'
            cand --ca-cert 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s'
            cand --timeout 'Seconds to wait for the server''s answer [default: the profile''s, else 10]'
            cand -e 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
            cand --env 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
            cand --home 'Directory of the local store [default: ~/.local/share/keep]'
            cand --color 'When to use colors'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print no messages, only data'
            cand --quiet 'Print no messages, only data'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keep;profile;use'= {
            cand --server 'Use the `keep serve` at URL instead of the profile''s server or the local store'
            cand --profile 'Use the saved profile NAME instead of the active one'
            cand --ca-cert 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s'
            cand --timeout 'Seconds to wait for the server''s answer [default: the profile''s, else 10]'
            cand -e 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
            cand --env 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
            cand --home 'Directory of the local store [default: ~/.local/share/keep]'
            cand --color 'When to use colors'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print no messages, only data'
            cand --quiet 'Print no messages, only data'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keep;profile;remove'= {
            cand --server 'Use the `keep serve` at URL instead of the profile''s server or the local store'
            cand --profile 'Use the saved profile NAME instead of the active one'
            cand --ca-cert 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s'
            cand --timeout 'Seconds to wait for the server''s answer [default: the profile''s, else 10]'
            cand -e 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
            cand --env 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
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
        &'keep;profile;help'= {
            cand list 'List profiles: which is active, their servers and token names (never the tokens)'
            cand use 'Make a profile the active one'
            cand remove 'Remove a profile and its token from this machine'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'keep;profile;help;list'= {
        }
        &'keep;profile;help;use'= {
        }
        &'keep;profile;help;remove'= {
        }
        &'keep;profile;help;help'= {
        }
        &'keep;status'= {
            cand --server 'Use the `keep serve` at URL instead of the profile''s server or the local store'
            cand --profile 'Use the saved profile NAME instead of the active one'
            cand --ca-cert 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s'
            cand --timeout 'Seconds to wait for the server''s answer [default: the profile''s, else 10]'
            cand -e 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
            cand --env 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
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
        &'keep;dashboard'= {
            cand --port 'Port to listen on [default: a free one]'
            cand --server 'Use the `keep serve` at URL instead of the profile''s server or the local store'
            cand --profile 'Use the saved profile NAME instead of the active one'
            cand --ca-cert 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s'
            cand --timeout 'Seconds to wait for the server''s answer [default: the profile''s, else 10]'
            cand -e 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
            cand --env 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
            cand --home 'Directory of the local store [default: ~/.local/share/keep]'
            cand --color 'When to use colors'
            cand --open 'Open the link in the default browser'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print no messages, only data'
            cand --quiet 'Print no messages, only data'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keep;token'= {
            cand --server 'Use the `keep serve` at URL instead of the profile''s server or the local store'
            cand --profile 'Use the saved profile NAME instead of the active one'
            cand --ca-cert 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s'
            cand --timeout 'Seconds to wait for the server''s answer [default: the profile''s, else 10]'
            cand -e 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
            cand --env 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
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
            cand create 'Create a token and print it (once)'
            cand list 'List tokens: names, scopes and states, never the tokens themselves'
            cand revoke 'Revoke a token for good'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'keep;token;create'= {
            cand --expires-in 'Expire after SPAN (such as 30d, 12h, 2w) [default: never]'
            cand --server 'Use the `keep serve` at URL instead of the profile''s server or the local store'
            cand --profile 'Use the saved profile NAME instead of the active one'
            cand --ca-cert 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s'
            cand --timeout 'Seconds to wait for the server''s answer [default: the profile''s, else 10]'
            cand -e 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
            cand --env 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
            cand --home 'Directory of the local store [default: ~/.local/share/keep]'
            cand --color 'When to use colors'
            cand --read-only 'Only read secrets: no create, update or delete'
            cand --admin 'An admin token: manages tokens, reads the audit log, rotates keys'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print no messages, only data'
            cand --quiet 'Print no messages, only data'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keep;token;list'= {
            cand --server 'Use the `keep serve` at URL instead of the profile''s server or the local store'
            cand --profile 'Use the saved profile NAME instead of the active one'
            cand --ca-cert 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s'
            cand --timeout 'Seconds to wait for the server''s answer [default: the profile''s, else 10]'
            cand -e 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
            cand --env 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
            cand --home 'Directory of the local store [default: ~/.local/share/keep]'
            cand --color 'When to use colors'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print no messages, only data'
            cand --quiet 'Print no messages, only data'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keep;token;revoke'= {
            cand --server 'Use the `keep serve` at URL instead of the profile''s server or the local store'
            cand --profile 'Use the saved profile NAME instead of the active one'
            cand --ca-cert 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s'
            cand --timeout 'Seconds to wait for the server''s answer [default: the profile''s, else 10]'
            cand -e 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
            cand --env 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
            cand --home 'Directory of the local store [default: ~/.local/share/keep]'
            cand --color 'When to use colors'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print no messages, only data'
            cand --quiet 'Print no messages, only data'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keep;token;help'= {
            cand create 'Create a token and print it (once)'
            cand list 'List tokens: names, scopes and states, never the tokens themselves'
            cand revoke 'Revoke a token for good'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'keep;token;help;create'= {
        }
        &'keep;token;help;list'= {
        }
        &'keep;token;help;revoke'= {
        }
        &'keep;token;help;help'= {
        }
        &'keep;audit'= {
            cand --since 'Only records at or after DATE (a day, an RFC 3339 time, or a span back: 7d, 12h)'
            cand --max 'Show at most N records'
            cand --server 'Use the `keep serve` at URL instead of the profile''s server or the local store'
            cand --profile 'Use the saved profile NAME instead of the active one'
            cand --ca-cert 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s'
            cand --timeout 'Seconds to wait for the server''s answer [default: the profile''s, else 10]'
            cand -e 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
            cand --env 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
            cand --home 'Directory of the local store [default: ~/.local/share/keep]'
            cand --color 'When to use colors'
            cand --all 'Show every record, however many'
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
            cand --server 'Use the `keep serve` at URL instead of the profile''s server or the local store'
            cand --profile 'Use the saved profile NAME instead of the active one'
            cand --ca-cert 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s'
            cand --timeout 'Seconds to wait for the server''s answer [default: the profile''s, else 10]'
            cand -e 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
            cand --env 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
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
        &'keep;serve'= {
            cand --listen 'Address to listen on, HOST:PORT (port 0 picks a free port)'
            cand --data-dir 'Data directory [default: ~/.local/share/keep/server]'
            cand --database 'Database: `postgres://...` for several replicas, or `sqlite://PATH` [default: DIR/keep.db]'
            cand --auth-failure-limit 'Failed authentications a client address may make per minute before it is refused with 429 for the rest of that minute (0: no limit)'
            cand --tls-cert 'Serve HTTPS with this PEM certificate chain (leaf first); needs --tls-key'
            cand --tls-key 'The PEM private key of --tls-cert'
            cand --tls-name 'A name (or IP address) the --tls-self-signed certificate is for (repeatable) [default: this host''s name, localhost and the listen address]'
            cand --request-timeout 'Seconds a request may take, body included, before it gets 408'
            cand --max-versions 'Versions kept of each secret, the newest; the write that passes the limit deletes the oldest (0: keep every version)'
            cand --session-idle 'How long a dashboard session lasts unused, such as `15m` or `90s`'
            cand --session-max 'How long a dashboard session lasts at most, used or not, such as `8h`'
            cand --reveal-for 'How long the dashboard shows revealed values before masking them again'
            cand --server 'Use the `keep serve` at URL instead of the profile''s server or the local store'
            cand --profile 'Use the saved profile NAME instead of the active one'
            cand --ca-cert 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s'
            cand --timeout 'Seconds to wait for the server''s answer [default: the profile''s, else 10]'
            cand -e 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
            cand --env 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
            cand --home 'Directory of the local store [default: ~/.local/share/keep]'
            cand --color 'When to use colors'
            cand --tls-self-signed 'Serve HTTPS with a certificate signed by a private CA of this server''s own, made on first start in DIR/tls'
            cand --insecure-http 'Allow plain HTTP on a non-loopback address: tokens and values cross the network in clear'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -q 'Print no messages, only data'
            cand --quiet 'Print no messages, only data'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand admin-token 'Mint a new admin token offline, from the server''s data directory (operator)'
            cand rotate-key 'Rotate the master key of a running server (admin)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'keep;serve;admin-token'= {
            cand --data-dir 'Data directory [default: ~/.local/share/keep/server]'
            cand --database 'Database: `postgres://...` for several replicas, or `sqlite://PATH` [default: DIR/keep.db]'
            cand --name 'Name of the new token [default: admin-YYYYMMDD-HHMMSS]'
            cand --server 'Use the `keep serve` at URL instead of the profile''s server or the local store'
            cand --profile 'Use the saved profile NAME instead of the active one'
            cand --ca-cert 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s'
            cand --timeout 'Seconds to wait for the server''s answer [default: the profile''s, else 10]'
            cand -e 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
            cand --env 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
            cand --home 'Directory of the local store [default: ~/.local/share/keep]'
            cand --color 'When to use colors'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -q 'Print no messages, only data'
            cand --quiet 'Print no messages, only data'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keep;serve;rotate-key'= {
            cand --server 'Use the `keep serve` at URL instead of the profile''s server or the local store'
            cand --profile 'Use the saved profile NAME instead of the active one'
            cand --ca-cert 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s'
            cand --timeout 'Seconds to wait for the server''s answer [default: the profile''s, else 10]'
            cand -e 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
            cand --env 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments'
            cand --home 'Directory of the local store [default: ~/.local/share/keep]'
            cand --color 'When to use colors'
            cand --no-wait 'Return once the new key is in use, without waiting for the rewrap'
            cand --status 'Only report which keys wrap how many secrets'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -q 'Print no messages, only data'
            cand --quiet 'Print no messages, only data'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'keep;serve;help'= {
            cand admin-token 'Mint a new admin token offline, from the server''s data directory (operator)'
            cand rotate-key 'Rotate the master key of a running server (admin)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'keep;serve;help;admin-token'= {
        }
        &'keep;serve;help;rotate-key'= {
        }
        &'keep;serve;help;help'= {
        }
        &'keep;help'= {
            cand create 'Create a secret from KEY=VALUE pairs and files'
            cand list 'List secrets, newest first'
            cand show 'Show a secret''s details and keys'
            cand update 'Add, change or remove variables of an existing secret'
            cand edit 'Edit a secret''s values in your editor, saved as one update'
            cand delete 'Delete a secret (irreversible)'
            cand history 'List a secret''s versions: when, who, which keys changed (never values)'
            cand diff 'Compare two versions of a secret: keys added, changed and removed'
            cand rollback 'Make the values of an earlier version the current ones (as a new version)'
            cand rename 'Rename a secret (its id and history stay)'
            cand copy 'Copy a secret to another environment or name'
            cand environment 'Manage environments: list, create, delete'
            cand import-dotenv 'Create a secret from the nearest .env file'
            cand import-env 'Create a secret from local environment variables'
            cand run 'Run a program with secrets'' variables in its environment'
            cand export 'Print a secret''s values as a dotenv file, JSON or shell `export` lines'
            cand login 'Save a server and its token as a profile, after checking the token'
            cand logout 'Remove a profile and its token from this machine'
            cand profile 'Manage the profiles `keep login` saved'
            cand status 'Show where commands go (local store or server), the token and the active profile'
            cand dashboard 'Browse and edit the local store in a browser'
            cand token 'Manage the API tokens of a keep server (admin)'
            cand audit 'Show the server''s audit log (admin)'
            cand completions 'Print a shell completion script'
            cand serve 'Run the keep HTTP server'
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
        &'keep;help;edit'= {
        }
        &'keep;help;delete'= {
        }
        &'keep;help;history'= {
        }
        &'keep;help;diff'= {
        }
        &'keep;help;rollback'= {
        }
        &'keep;help;rename'= {
        }
        &'keep;help;copy'= {
        }
        &'keep;help;environment'= {
            cand list 'List environments, sorted'
            cand create 'Create an environment'
            cand delete 'Delete an environment (with its secrets only with --force)'
        }
        &'keep;help;environment;list'= {
        }
        &'keep;help;environment;create'= {
        }
        &'keep;help;environment;delete'= {
        }
        &'keep;help;import-dotenv'= {
        }
        &'keep;help;import-env'= {
        }
        &'keep;help;run'= {
        }
        &'keep;help;export'= {
        }
        &'keep;help;login'= {
        }
        &'keep;help;logout'= {
        }
        &'keep;help;profile'= {
            cand list 'List profiles: which is active, their servers and token names (never the tokens)'
            cand use 'Make a profile the active one'
            cand remove 'Remove a profile and its token from this machine'
        }
        &'keep;help;profile;list'= {
        }
        &'keep;help;profile;use'= {
        }
        &'keep;help;profile;remove'= {
        }
        &'keep;help;status'= {
        }
        &'keep;help;dashboard'= {
        }
        &'keep;help;token'= {
            cand create 'Create a token and print it (once)'
            cand list 'List tokens: names, scopes and states, never the tokens themselves'
            cand revoke 'Revoke a token for good'
        }
        &'keep;help;token;create'= {
        }
        &'keep;help;token;list'= {
        }
        &'keep;help;token;revoke'= {
        }
        &'keep;help;audit'= {
        }
        &'keep;help;completions'= {
        }
        &'keep;help;serve'= {
            cand admin-token 'Mint a new admin token offline, from the server''s data directory (operator)'
            cand rotate-key 'Rotate the master key of a running server (admin)'
        }
        &'keep;help;serve;admin-token'= {
        }
        &'keep;help;serve;rotate-key'= {
        }
        &'keep;help;help'= {
        }
    ]
    $completions[$command]
}
