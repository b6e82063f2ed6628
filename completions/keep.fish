# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_keep_global_optspecs
    string join \n server= profile= ca-cert= timeout= e/env= home= json q/quiet color= no-input h/help V/version
end

function __fish_keep_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_keep_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_keep_using_subcommand
    set -l cmd (__fish_keep_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c keep -n "__fish_keep_needs_command" -l server -d 'Use the `keep serve` at URL instead of the profile\'s server or the local store' -r
complete -c keep -n "__fish_keep_needs_command" -l profile -d 'Use the saved profile NAME instead of the active one' -r
complete -c keep -n "__fish_keep_needs_command" -l ca-cert -d 'Trust the CA certificates in this PEM file for an `https://` server, besides the system\'s' -r -F
complete -c keep -n "__fish_keep_needs_command" -l timeout -d 'Seconds to wait for the server\'s answer [default: the profile\'s, else 10]' -r
complete -c keep -n "__fish_keep_needs_command" -s e -l env -d 'Environment the secrets live in [default: the profile\'s, else main]; `keep token create` takes it several times, for a token limited to those environments' -r
complete -c keep -n "__fish_keep_needs_command" -l home -d 'Directory of the local store [default: ~/.local/share/keep]' -r -F
complete -c keep -n "__fish_keep_needs_command" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c keep -n "__fish_keep_needs_command" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c keep -n "__fish_keep_needs_command" -s q -l quiet -d 'Print no messages, only data'
complete -c keep -n "__fish_keep_needs_command" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c keep -n "__fish_keep_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keep -n "__fish_keep_needs_command" -s V -l version -d 'Print version'
complete -c keep -n "__fish_keep_needs_command" -f -a "create" -d 'Create a secret from KEY=VALUE pairs and files'
complete -c keep -n "__fish_keep_needs_command" -f -a "list" -d 'List secrets, newest first'
complete -c keep -n "__fish_keep_needs_command" -f -a "show" -d 'Show a secret\'s details and keys'
complete -c keep -n "__fish_keep_needs_command" -f -a "update" -d 'Add, change or remove variables of an existing secret'
complete -c keep -n "__fish_keep_needs_command" -f -a "edit" -d 'Edit a secret\'s values in your editor, saved as one update'
complete -c keep -n "__fish_keep_needs_command" -f -a "delete" -d 'Delete a secret (irreversible)'
complete -c keep -n "__fish_keep_needs_command" -f -a "history" -d 'List a secret\'s versions: when, who, which keys changed (never values)'
complete -c keep -n "__fish_keep_needs_command" -f -a "diff" -d 'Compare two versions of a secret: keys added, changed and removed'
complete -c keep -n "__fish_keep_needs_command" -f -a "rollback" -d 'Make the values of an earlier version the current ones (as a new version)'
complete -c keep -n "__fish_keep_needs_command" -f -a "rename" -d 'Rename a secret (its id and history stay)'
complete -c keep -n "__fish_keep_needs_command" -f -a "copy" -d 'Copy a secret to another environment or name'
complete -c keep -n "__fish_keep_needs_command" -f -a "environment" -d 'Manage environments: list, create, delete'
complete -c keep -n "__fish_keep_needs_command" -f -a "env" -d 'Manage environments: list, create, delete'
complete -c keep -n "__fish_keep_needs_command" -f -a "import-dotenv" -d 'Create a secret from the nearest .env file'
complete -c keep -n "__fish_keep_needs_command" -f -a "import-env" -d 'Create a secret from local environment variables'
complete -c keep -n "__fish_keep_needs_command" -f -a "run" -d 'Run a program with secrets\' variables in its environment'
complete -c keep -n "__fish_keep_needs_command" -f -a "export" -d 'Print a secret\'s values as a dotenv file, JSON or shell `export` lines'
complete -c keep -n "__fish_keep_needs_command" -f -a "login" -d 'Save a server and its token as a profile, after checking the token'
complete -c keep -n "__fish_keep_needs_command" -f -a "logout" -d 'Remove a profile and its token from this machine'
complete -c keep -n "__fish_keep_needs_command" -f -a "profile" -d 'Manage the profiles `keep login` saved'
complete -c keep -n "__fish_keep_needs_command" -f -a "status" -d 'Show where commands go (local store or server), the token and the active profile'
complete -c keep -n "__fish_keep_needs_command" -f -a "dashboard" -d 'Browse and edit the local store in a browser'
complete -c keep -n "__fish_keep_needs_command" -f -a "token" -d 'Manage the API tokens of a keep server (admin)'
complete -c keep -n "__fish_keep_needs_command" -f -a "audit" -d 'Show the server\'s audit log (admin)'
complete -c keep -n "__fish_keep_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c keep -n "__fish_keep_needs_command" -f -a "serve" -d 'Run the keep HTTP server'
complete -c keep -n "__fish_keep_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c keep -n "__fish_keep_using_subcommand create" -l from-file -d 'Read KEY\'s value from the file at PATH, byte for byte (repeatable); `-` is stdin' -r
complete -c keep -n "__fish_keep_using_subcommand create" -l from-dotenv -d 'Read variables from a dotenv file (python-dotenv syntax); `-` is stdin' -r -F
complete -c keep -n "__fish_keep_using_subcommand create" -l from-json -d 'Read variables from a JSON object of strings; `-` is stdin' -r -F
complete -c keep -n "__fish_keep_using_subcommand create" -l server -d 'Use the `keep serve` at URL instead of the profile\'s server or the local store' -r
complete -c keep -n "__fish_keep_using_subcommand create" -l profile -d 'Use the saved profile NAME instead of the active one' -r
complete -c keep -n "__fish_keep_using_subcommand create" -l ca-cert -d 'Trust the CA certificates in this PEM file for an `https://` server, besides the system\'s' -r -F
complete -c keep -n "__fish_keep_using_subcommand create" -l timeout -d 'Seconds to wait for the server\'s answer [default: the profile\'s, else 10]' -r
complete -c keep -n "__fish_keep_using_subcommand create" -s e -l env -d 'Environment the secrets live in [default: the profile\'s, else main]; `keep token create` takes it several times, for a token limited to those environments' -r
complete -c keep -n "__fish_keep_using_subcommand create" -l home -d 'Directory of the local store [default: ~/.local/share/keep]' -r -F
complete -c keep -n "__fish_keep_using_subcommand create" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c keep -n "__fish_keep_using_subcommand create" -l allow-existing -d 'If the secret exists, keep its values and succeed'
complete -c keep -n "__fish_keep_using_subcommand create" -l force -d 'If the secret exists, replace its values'
complete -c keep -n "__fish_keep_using_subcommand create" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c keep -n "__fish_keep_using_subcommand create" -s q -l quiet -d 'Print no messages, only data'
complete -c keep -n "__fish_keep_using_subcommand create" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c keep -n "__fish_keep_using_subcommand create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keep -n "__fish_keep_using_subcommand create" -s V -l version -d 'Print version'
complete -c keep -n "__fish_keep_using_subcommand list" -l max -d 'Show at most N secrets' -r
complete -c keep -n "__fish_keep_using_subcommand list" -l created-before -d 'Only secrets created before DATE' -r
complete -c keep -n "__fish_keep_using_subcommand list" -l server -d 'Use the `keep serve` at URL instead of the profile\'s server or the local store' -r
complete -c keep -n "__fish_keep_using_subcommand list" -l profile -d 'Use the saved profile NAME instead of the active one' -r
complete -c keep -n "__fish_keep_using_subcommand list" -l ca-cert -d 'Trust the CA certificates in this PEM file for an `https://` server, besides the system\'s' -r -F
complete -c keep -n "__fish_keep_using_subcommand list" -l timeout -d 'Seconds to wait for the server\'s answer [default: the profile\'s, else 10]' -r
complete -c keep -n "__fish_keep_using_subcommand list" -s e -l env -d 'Environment the secrets live in [default: the profile\'s, else main]; `keep token create` takes it several times, for a token limited to those environments' -r
complete -c keep -n "__fish_keep_using_subcommand list" -l home -d 'Directory of the local store [default: ~/.local/share/keep]' -r -F
complete -c keep -n "__fish_keep_using_subcommand list" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c keep -n "__fish_keep_using_subcommand list" -l all -d 'Show every secret, however many'
complete -c keep -n "__fish_keep_using_subcommand list" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c keep -n "__fish_keep_using_subcommand list" -s q -l quiet -d 'Print no messages, only data'
complete -c keep -n "__fish_keep_using_subcommand list" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c keep -n "__fish_keep_using_subcommand list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keep -n "__fish_keep_using_subcommand list" -s V -l version -d 'Print version'
complete -c keep -n "__fish_keep_using_subcommand show" -l require -d 'Fail unless the secret has KEY (repeatable)' -r
complete -c keep -n "__fish_keep_using_subcommand show" -l version -d 'Show version N of the secret instead of the current one (see `keep history`)' -r
complete -c keep -n "__fish_keep_using_subcommand show" -l server -d 'Use the `keep serve` at URL instead of the profile\'s server or the local store' -r
complete -c keep -n "__fish_keep_using_subcommand show" -l profile -d 'Use the saved profile NAME instead of the active one' -r
complete -c keep -n "__fish_keep_using_subcommand show" -l ca-cert -d 'Trust the CA certificates in this PEM file for an `https://` server, besides the system\'s' -r -F
complete -c keep -n "__fish_keep_using_subcommand show" -l timeout -d 'Seconds to wait for the server\'s answer [default: the profile\'s, else 10]' -r
complete -c keep -n "__fish_keep_using_subcommand show" -s e -l env -d 'Environment the secrets live in [default: the profile\'s, else main]; `keep token create` takes it several times, for a token limited to those environments' -r
complete -c keep -n "__fish_keep_using_subcommand show" -l home -d 'Directory of the local store [default: ~/.local/share/keep]' -r -F
complete -c keep -n "__fish_keep_using_subcommand show" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c keep -n "__fish_keep_using_subcommand show" -l reveal -d 'Print the values instead of masking them'
complete -c keep -n "__fish_keep_using_subcommand show" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c keep -n "__fish_keep_using_subcommand show" -s q -l quiet -d 'Print no messages, only data'
complete -c keep -n "__fish_keep_using_subcommand show" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c keep -n "__fish_keep_using_subcommand show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keep -n "__fish_keep_using_subcommand update" -l from-file -d 'Read KEY\'s value from the file at PATH, byte for byte (repeatable); `-` is stdin' -r
complete -c keep -n "__fish_keep_using_subcommand update" -l from-dotenv -d 'Read variables from a dotenv file (python-dotenv syntax); `-` is stdin' -r -F
complete -c keep -n "__fish_keep_using_subcommand update" -l from-json -d 'Read variables from a JSON object of strings; `-` is stdin' -r -F
complete -c keep -n "__fish_keep_using_subcommand update" -l unset -d 'Remove KEY from the secret (repeatable)' -r
complete -c keep -n "__fish_keep_using_subcommand update" -l if-version -d 'Update only if the secret is still at version N (from `keep show NAME --json`); otherwise fail with exit code 4 (`version_conflict`), naming the current version' -r
complete -c keep -n "__fish_keep_using_subcommand update" -l server -d 'Use the `keep serve` at URL instead of the profile\'s server or the local store' -r
complete -c keep -n "__fish_keep_using_subcommand update" -l profile -d 'Use the saved profile NAME instead of the active one' -r
complete -c keep -n "__fish_keep_using_subcommand update" -l ca-cert -d 'Trust the CA certificates in this PEM file for an `https://` server, besides the system\'s' -r -F
complete -c keep -n "__fish_keep_using_subcommand update" -l timeout -d 'Seconds to wait for the server\'s answer [default: the profile\'s, else 10]' -r
complete -c keep -n "__fish_keep_using_subcommand update" -s e -l env -d 'Environment the secrets live in [default: the profile\'s, else main]; `keep token create` takes it several times, for a token limited to those environments' -r
complete -c keep -n "__fish_keep_using_subcommand update" -l home -d 'Directory of the local store [default: ~/.local/share/keep]' -r -F
complete -c keep -n "__fish_keep_using_subcommand update" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c keep -n "__fish_keep_using_subcommand update" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c keep -n "__fish_keep_using_subcommand update" -s q -l quiet -d 'Print no messages, only data'
complete -c keep -n "__fish_keep_using_subcommand update" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c keep -n "__fish_keep_using_subcommand update" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keep -n "__fish_keep_using_subcommand update" -s V -l version -d 'Print version'
complete -c keep -n "__fish_keep_using_subcommand edit" -l server -d 'Use the `keep serve` at URL instead of the profile\'s server or the local store' -r
complete -c keep -n "__fish_keep_using_subcommand edit" -l profile -d 'Use the saved profile NAME instead of the active one' -r
complete -c keep -n "__fish_keep_using_subcommand edit" -l ca-cert -d 'Trust the CA certificates in this PEM file for an `https://` server, besides the system\'s' -r -F
complete -c keep -n "__fish_keep_using_subcommand edit" -l timeout -d 'Seconds to wait for the server\'s answer [default: the profile\'s, else 10]' -r
complete -c keep -n "__fish_keep_using_subcommand edit" -s e -l env -d 'Environment the secrets live in [default: the profile\'s, else main]; `keep token create` takes it several times, for a token limited to those environments' -r
complete -c keep -n "__fish_keep_using_subcommand edit" -l home -d 'Directory of the local store [default: ~/.local/share/keep]' -r -F
complete -c keep -n "__fish_keep_using_subcommand edit" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c keep -n "__fish_keep_using_subcommand edit" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c keep -n "__fish_keep_using_subcommand edit" -s q -l quiet -d 'Print no messages, only data'
complete -c keep -n "__fish_keep_using_subcommand edit" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c keep -n "__fish_keep_using_subcommand edit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keep -n "__fish_keep_using_subcommand edit" -s V -l version -d 'Print version'
complete -c keep -n "__fish_keep_using_subcommand delete" -l server -d 'Use the `keep serve` at URL instead of the profile\'s server or the local store' -r
complete -c keep -n "__fish_keep_using_subcommand delete" -l profile -d 'Use the saved profile NAME instead of the active one' -r
complete -c keep -n "__fish_keep_using_subcommand delete" -l ca-cert -d 'Trust the CA certificates in this PEM file for an `https://` server, besides the system\'s' -r -F
complete -c keep -n "__fish_keep_using_subcommand delete" -l timeout -d 'Seconds to wait for the server\'s answer [default: the profile\'s, else 10]' -r
complete -c keep -n "__fish_keep_using_subcommand delete" -s e -l env -d 'Environment the secrets live in [default: the profile\'s, else main]; `keep token create` takes it several times, for a token limited to those environments' -r
complete -c keep -n "__fish_keep_using_subcommand delete" -l home -d 'Directory of the local store [default: ~/.local/share/keep]' -r -F
complete -c keep -n "__fish_keep_using_subcommand delete" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c keep -n "__fish_keep_using_subcommand delete" -l allow-missing -d 'Succeed if the secret does not exist'
complete -c keep -n "__fish_keep_using_subcommand delete" -s y -l yes -d 'Do not ask for confirmation'
complete -c keep -n "__fish_keep_using_subcommand delete" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c keep -n "__fish_keep_using_subcommand delete" -s q -l quiet -d 'Print no messages, only data'
complete -c keep -n "__fish_keep_using_subcommand delete" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c keep -n "__fish_keep_using_subcommand delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keep -n "__fish_keep_using_subcommand delete" -s V -l version -d 'Print version'
complete -c keep -n "__fish_keep_using_subcommand history" -l max -d 'Show at most N versions, the newest' -r
complete -c keep -n "__fish_keep_using_subcommand history" -l server -d 'Use the `keep serve` at URL instead of the profile\'s server or the local store' -r
complete -c keep -n "__fish_keep_using_subcommand history" -l profile -d 'Use the saved profile NAME instead of the active one' -r
complete -c keep -n "__fish_keep_using_subcommand history" -l ca-cert -d 'Trust the CA certificates in this PEM file for an `https://` server, besides the system\'s' -r -F
complete -c keep -n "__fish_keep_using_subcommand history" -l timeout -d 'Seconds to wait for the server\'s answer [default: the profile\'s, else 10]' -r
complete -c keep -n "__fish_keep_using_subcommand history" -s e -l env -d 'Environment the secrets live in [default: the profile\'s, else main]; `keep token create` takes it several times, for a token limited to those environments' -r
complete -c keep -n "__fish_keep_using_subcommand history" -l home -d 'Directory of the local store [default: ~/.local/share/keep]' -r -F
complete -c keep -n "__fish_keep_using_subcommand history" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c keep -n "__fish_keep_using_subcommand history" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c keep -n "__fish_keep_using_subcommand history" -s q -l quiet -d 'Print no messages, only data'
complete -c keep -n "__fish_keep_using_subcommand history" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c keep -n "__fish_keep_using_subcommand history" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keep -n "__fish_keep_using_subcommand history" -s V -l version -d 'Print version'
complete -c keep -n "__fish_keep_using_subcommand diff" -l server -d 'Use the `keep serve` at URL instead of the profile\'s server or the local store' -r
complete -c keep -n "__fish_keep_using_subcommand diff" -l profile -d 'Use the saved profile NAME instead of the active one' -r
complete -c keep -n "__fish_keep_using_subcommand diff" -l ca-cert -d 'Trust the CA certificates in this PEM file for an `https://` server, besides the system\'s' -r -F
complete -c keep -n "__fish_keep_using_subcommand diff" -l timeout -d 'Seconds to wait for the server\'s answer [default: the profile\'s, else 10]' -r
complete -c keep -n "__fish_keep_using_subcommand diff" -s e -l env -d 'Environment the secrets live in [default: the profile\'s, else main]; `keep token create` takes it several times, for a token limited to those environments' -r
complete -c keep -n "__fish_keep_using_subcommand diff" -l home -d 'Directory of the local store [default: ~/.local/share/keep]' -r -F
complete -c keep -n "__fish_keep_using_subcommand diff" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c keep -n "__fish_keep_using_subcommand diff" -l reveal -d 'Show the values of the keys that differ'
complete -c keep -n "__fish_keep_using_subcommand diff" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c keep -n "__fish_keep_using_subcommand diff" -s q -l quiet -d 'Print no messages, only data'
complete -c keep -n "__fish_keep_using_subcommand diff" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c keep -n "__fish_keep_using_subcommand diff" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keep -n "__fish_keep_using_subcommand diff" -s V -l version -d 'Print version'
complete -c keep -n "__fish_keep_using_subcommand rollback" -l if-version -d 'Roll back only if the secret is still at version M' -r
complete -c keep -n "__fish_keep_using_subcommand rollback" -l server -d 'Use the `keep serve` at URL instead of the profile\'s server or the local store' -r
complete -c keep -n "__fish_keep_using_subcommand rollback" -l profile -d 'Use the saved profile NAME instead of the active one' -r
complete -c keep -n "__fish_keep_using_subcommand rollback" -l ca-cert -d 'Trust the CA certificates in this PEM file for an `https://` server, besides the system\'s' -r -F
complete -c keep -n "__fish_keep_using_subcommand rollback" -l timeout -d 'Seconds to wait for the server\'s answer [default: the profile\'s, else 10]' -r
complete -c keep -n "__fish_keep_using_subcommand rollback" -s e -l env -d 'Environment the secrets live in [default: the profile\'s, else main]; `keep token create` takes it several times, for a token limited to those environments' -r
complete -c keep -n "__fish_keep_using_subcommand rollback" -l home -d 'Directory of the local store [default: ~/.local/share/keep]' -r -F
complete -c keep -n "__fish_keep_using_subcommand rollback" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c keep -n "__fish_keep_using_subcommand rollback" -s y -l yes -d 'Do not ask for confirmation'
complete -c keep -n "__fish_keep_using_subcommand rollback" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c keep -n "__fish_keep_using_subcommand rollback" -s q -l quiet -d 'Print no messages, only data'
complete -c keep -n "__fish_keep_using_subcommand rollback" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c keep -n "__fish_keep_using_subcommand rollback" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keep -n "__fish_keep_using_subcommand rename" -l server -d 'Use the `keep serve` at URL instead of the profile\'s server or the local store' -r
complete -c keep -n "__fish_keep_using_subcommand rename" -l profile -d 'Use the saved profile NAME instead of the active one' -r
complete -c keep -n "__fish_keep_using_subcommand rename" -l ca-cert -d 'Trust the CA certificates in this PEM file for an `https://` server, besides the system\'s' -r -F
complete -c keep -n "__fish_keep_using_subcommand rename" -l timeout -d 'Seconds to wait for the server\'s answer [default: the profile\'s, else 10]' -r
complete -c keep -n "__fish_keep_using_subcommand rename" -s e -l env -d 'Environment the secrets live in [default: the profile\'s, else main]; `keep token create` takes it several times, for a token limited to those environments' -r
complete -c keep -n "__fish_keep_using_subcommand rename" -l home -d 'Directory of the local store [default: ~/.local/share/keep]' -r -F
complete -c keep -n "__fish_keep_using_subcommand rename" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c keep -n "__fish_keep_using_subcommand rename" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c keep -n "__fish_keep_using_subcommand rename" -s q -l quiet -d 'Print no messages, only data'
complete -c keep -n "__fish_keep_using_subcommand rename" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c keep -n "__fish_keep_using_subcommand rename" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keep -n "__fish_keep_using_subcommand rename" -s V -l version -d 'Print version'
complete -c keep -n "__fish_keep_using_subcommand copy" -l to-env -d 'The environment to copy to [default: the secret\'s own, with --as]' -r
complete -c keep -n "__fish_keep_using_subcommand copy" -l as -d 'The copy\'s name [default: the same name]' -r
complete -c keep -n "__fish_keep_using_subcommand copy" -l server -d 'Use the `keep serve` at URL instead of the profile\'s server or the local store' -r
complete -c keep -n "__fish_keep_using_subcommand copy" -l profile -d 'Use the saved profile NAME instead of the active one' -r
complete -c keep -n "__fish_keep_using_subcommand copy" -l ca-cert -d 'Trust the CA certificates in this PEM file for an `https://` server, besides the system\'s' -r -F
complete -c keep -n "__fish_keep_using_subcommand copy" -l timeout -d 'Seconds to wait for the server\'s answer [default: the profile\'s, else 10]' -r
complete -c keep -n "__fish_keep_using_subcommand copy" -s e -l env -d 'Environment the secrets live in [default: the profile\'s, else main]; `keep token create` takes it several times, for a token limited to those environments' -r
complete -c keep -n "__fish_keep_using_subcommand copy" -l home -d 'Directory of the local store [default: ~/.local/share/keep]' -r -F
complete -c keep -n "__fish_keep_using_subcommand copy" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c keep -n "__fish_keep_using_subcommand copy" -l force -d 'Replace the values of a secret of that name in the target environment'
complete -c keep -n "__fish_keep_using_subcommand copy" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c keep -n "__fish_keep_using_subcommand copy" -s q -l quiet -d 'Print no messages, only data'
complete -c keep -n "__fish_keep_using_subcommand copy" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c keep -n "__fish_keep_using_subcommand copy" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keep -n "__fish_keep_using_subcommand copy" -s V -l version -d 'Print version'
complete -c keep -n "__fish_keep_using_subcommand environment; and not __fish_seen_subcommand_from list create delete help" -l server -d 'Use the `keep serve` at URL instead of the profile\'s server or the local store' -r
complete -c keep -n "__fish_keep_using_subcommand environment; and not __fish_seen_subcommand_from list create delete help" -l profile -d 'Use the saved profile NAME instead of the active one' -r
complete -c keep -n "__fish_keep_using_subcommand environment; and not __fish_seen_subcommand_from list create delete help" -l ca-cert -d 'Trust the CA certificates in this PEM file for an `https://` server, besides the system\'s' -r -F
complete -c keep -n "__fish_keep_using_subcommand environment; and not __fish_seen_subcommand_from list create delete help" -l timeout -d 'Seconds to wait for the server\'s answer [default: the profile\'s, else 10]' -r
complete -c keep -n "__fish_keep_using_subcommand environment; and not __fish_seen_subcommand_from list create delete help" -s e -l env -d 'Environment the secrets live in [default: the profile\'s, else main]; `keep token create` takes it several times, for a token limited to those environments' -r
complete -c keep -n "__fish_keep_using_subcommand environment; and not __fish_seen_subcommand_from list create delete help" -l home -d 'Directory of the local store [default: ~/.local/share/keep]' -r -F
complete -c keep -n "__fish_keep_using_subcommand environment; and not __fish_seen_subcommand_from list create delete help" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c keep -n "__fish_keep_using_subcommand environment; and not __fish_seen_subcommand_from list create delete help" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c keep -n "__fish_keep_using_subcommand environment; and not __fish_seen_subcommand_from list create delete help" -s q -l quiet -d 'Print no messages, only data'
complete -c keep -n "__fish_keep_using_subcommand environment; and not __fish_seen_subcommand_from list create delete help" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c keep -n "__fish_keep_using_subcommand environment; and not __fish_seen_subcommand_from list create delete help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keep -n "__fish_keep_using_subcommand environment; and not __fish_seen_subcommand_from list create delete help" -s V -l version -d 'Print version'
complete -c keep -n "__fish_keep_using_subcommand environment; and not __fish_seen_subcommand_from list create delete help" -f -a "list" -d 'List environments, sorted'
complete -c keep -n "__fish_keep_using_subcommand environment; and not __fish_seen_subcommand_from list create delete help" -f -a "create" -d 'Create an environment'
complete -c keep -n "__fish_keep_using_subcommand environment; and not __fish_seen_subcommand_from list create delete help" -f -a "delete" -d 'Delete an environment (with its secrets only with --force)'
complete -c keep -n "__fish_keep_using_subcommand environment; and not __fish_seen_subcommand_from list create delete help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c keep -n "__fish_keep_using_subcommand environment; and __fish_seen_subcommand_from list" -l server -d 'Use the `keep serve` at URL instead of the profile\'s server or the local store' -r
complete -c keep -n "__fish_keep_using_subcommand environment; and __fish_seen_subcommand_from list" -l profile -d 'Use the saved profile NAME instead of the active one' -r
complete -c keep -n "__fish_keep_using_subcommand environment; and __fish_seen_subcommand_from list" -l ca-cert -d 'Trust the CA certificates in this PEM file for an `https://` server, besides the system\'s' -r -F
complete -c keep -n "__fish_keep_using_subcommand environment; and __fish_seen_subcommand_from list" -l timeout -d 'Seconds to wait for the server\'s answer [default: the profile\'s, else 10]' -r
complete -c keep -n "__fish_keep_using_subcommand environment; and __fish_seen_subcommand_from list" -s e -l env -d 'Environment the secrets live in [default: the profile\'s, else main]; `keep token create` takes it several times, for a token limited to those environments' -r
complete -c keep -n "__fish_keep_using_subcommand environment; and __fish_seen_subcommand_from list" -l home -d 'Directory of the local store [default: ~/.local/share/keep]' -r -F
complete -c keep -n "__fish_keep_using_subcommand environment; and __fish_seen_subcommand_from list" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c keep -n "__fish_keep_using_subcommand environment; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c keep -n "__fish_keep_using_subcommand environment; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print no messages, only data'
complete -c keep -n "__fish_keep_using_subcommand environment; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c keep -n "__fish_keep_using_subcommand environment; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c keep -n "__fish_keep_using_subcommand environment; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c keep -n "__fish_keep_using_subcommand environment; and __fish_seen_subcommand_from create" -l server -d 'Use the `keep serve` at URL instead of the profile\'s server or the local store' -r
complete -c keep -n "__fish_keep_using_subcommand environment; and __fish_seen_subcommand_from create" -l profile -d 'Use the saved profile NAME instead of the active one' -r
complete -c keep -n "__fish_keep_using_subcommand environment; and __fish_seen_subcommand_from create" -l ca-cert -d 'Trust the CA certificates in this PEM file for an `https://` server, besides the system\'s' -r -F
complete -c keep -n "__fish_keep_using_subcommand environment; and __fish_seen_subcommand_from create" -l timeout -d 'Seconds to wait for the server\'s answer [default: the profile\'s, else 10]' -r
complete -c keep -n "__fish_keep_using_subcommand environment; and __fish_seen_subcommand_from create" -s e -l env -d 'Environment the secrets live in [default: the profile\'s, else main]; `keep token create` takes it several times, for a token limited to those environments' -r
complete -c keep -n "__fish_keep_using_subcommand environment; and __fish_seen_subcommand_from create" -l home -d 'Directory of the local store [default: ~/.local/share/keep]' -r -F
complete -c keep -n "__fish_keep_using_subcommand environment; and __fish_seen_subcommand_from create" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c keep -n "__fish_keep_using_subcommand environment; and __fish_seen_subcommand_from create" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c keep -n "__fish_keep_using_subcommand environment; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Print no messages, only data'
complete -c keep -n "__fish_keep_using_subcommand environment; and __fish_seen_subcommand_from create" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c keep -n "__fish_keep_using_subcommand environment; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c keep -n "__fish_keep_using_subcommand environment; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c keep -n "__fish_keep_using_subcommand environment; and __fish_seen_subcommand_from delete" -l server -d 'Use the `keep serve` at URL instead of the profile\'s server or the local store' -r
complete -c keep -n "__fish_keep_using_subcommand environment; and __fish_seen_subcommand_from delete" -l profile -d 'Use the saved profile NAME instead of the active one' -r
complete -c keep -n "__fish_keep_using_subcommand environment; and __fish_seen_subcommand_from delete" -l ca-cert -d 'Trust the CA certificates in this PEM file for an `https://` server, besides the system\'s' -r -F
complete -c keep -n "__fish_keep_using_subcommand environment; and __fish_seen_subcommand_from delete" -l timeout -d 'Seconds to wait for the server\'s answer [default: the profile\'s, else 10]' -r
complete -c keep -n "__fish_keep_using_subcommand environment; and __fish_seen_subcommand_from delete" -s e -l env -d 'Environment the secrets live in [default: the profile\'s, else main]; `keep token create` takes it several times, for a token limited to those environments' -r
complete -c keep -n "__fish_keep_using_subcommand environment; and __fish_seen_subcommand_from delete" -l home -d 'Directory of the local store [default: ~/.local/share/keep]' -r -F
complete -c keep -n "__fish_keep_using_subcommand environment; and __fish_seen_subcommand_from delete" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c keep -n "__fish_keep_using_subcommand environment; and __fish_seen_subcommand_from delete" -l force -d 'Delete it even if it holds secrets, and them with it (irreversible)'
complete -c keep -n "__fish_keep_using_subcommand environment; and __fish_seen_subcommand_from delete" -s y -l yes -d 'Do not ask for confirmation'
complete -c keep -n "__fish_keep_using_subcommand environment; and __fish_seen_subcommand_from delete" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c keep -n "__fish_keep_using_subcommand environment; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Print no messages, only data'
complete -c keep -n "__fish_keep_using_subcommand environment; and __fish_seen_subcommand_from delete" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c keep -n "__fish_keep_using_subcommand environment; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help'
complete -c keep -n "__fish_keep_using_subcommand environment; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c keep -n "__fish_keep_using_subcommand environment; and __fish_seen_subcommand_from help" -f -a "list" -d 'List environments, sorted'
complete -c keep -n "__fish_keep_using_subcommand environment; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create an environment'
complete -c keep -n "__fish_keep_using_subcommand environment; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete an environment (with its secrets only with --force)'
complete -c keep -n "__fish_keep_using_subcommand environment; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c keep -n "__fish_keep_using_subcommand env; and not __fish_seen_subcommand_from list create delete help" -l server -d 'Use the `keep serve` at URL instead of the profile\'s server or the local store' -r
complete -c keep -n "__fish_keep_using_subcommand env; and not __fish_seen_subcommand_from list create delete help" -l profile -d 'Use the saved profile NAME instead of the active one' -r
complete -c keep -n "__fish_keep_using_subcommand env; and not __fish_seen_subcommand_from list create delete help" -l ca-cert -d 'Trust the CA certificates in this PEM file for an `https://` server, besides the system\'s' -r -F
complete -c keep -n "__fish_keep_using_subcommand env; and not __fish_seen_subcommand_from list create delete help" -l timeout -d 'Seconds to wait for the server\'s answer [default: the profile\'s, else 10]' -r
complete -c keep -n "__fish_keep_using_subcommand env; and not __fish_seen_subcommand_from list create delete help" -s e -l env -d 'Environment the secrets live in [default: the profile\'s, else main]; `keep token create` takes it several times, for a token limited to those environments' -r
complete -c keep -n "__fish_keep_using_subcommand env; and not __fish_seen_subcommand_from list create delete help" -l home -d 'Directory of the local store [default: ~/.local/share/keep]' -r -F
complete -c keep -n "__fish_keep_using_subcommand env; and not __fish_seen_subcommand_from list create delete help" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c keep -n "__fish_keep_using_subcommand env; and not __fish_seen_subcommand_from list create delete help" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c keep -n "__fish_keep_using_subcommand env; and not __fish_seen_subcommand_from list create delete help" -s q -l quiet -d 'Print no messages, only data'
complete -c keep -n "__fish_keep_using_subcommand env; and not __fish_seen_subcommand_from list create delete help" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c keep -n "__fish_keep_using_subcommand env; and not __fish_seen_subcommand_from list create delete help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keep -n "__fish_keep_using_subcommand env; and not __fish_seen_subcommand_from list create delete help" -s V -l version -d 'Print version'
complete -c keep -n "__fish_keep_using_subcommand env; and not __fish_seen_subcommand_from list create delete help" -f -a "list" -d 'List environments, sorted'
complete -c keep -n "__fish_keep_using_subcommand env; and not __fish_seen_subcommand_from list create delete help" -f -a "create" -d 'Create an environment'
complete -c keep -n "__fish_keep_using_subcommand env; and not __fish_seen_subcommand_from list create delete help" -f -a "delete" -d 'Delete an environment (with its secrets only with --force)'
complete -c keep -n "__fish_keep_using_subcommand env; and not __fish_seen_subcommand_from list create delete help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c keep -n "__fish_keep_using_subcommand env; and __fish_seen_subcommand_from list" -l server -d 'Use the `keep serve` at URL instead of the profile\'s server or the local store' -r
complete -c keep -n "__fish_keep_using_subcommand env; and __fish_seen_subcommand_from list" -l profile -d 'Use the saved profile NAME instead of the active one' -r
complete -c keep -n "__fish_keep_using_subcommand env; and __fish_seen_subcommand_from list" -l ca-cert -d 'Trust the CA certificates in this PEM file for an `https://` server, besides the system\'s' -r -F
complete -c keep -n "__fish_keep_using_subcommand env; and __fish_seen_subcommand_from list" -l timeout -d 'Seconds to wait for the server\'s answer [default: the profile\'s, else 10]' -r
complete -c keep -n "__fish_keep_using_subcommand env; and __fish_seen_subcommand_from list" -s e -l env -d 'Environment the secrets live in [default: the profile\'s, else main]; `keep token create` takes it several times, for a token limited to those environments' -r
complete -c keep -n "__fish_keep_using_subcommand env; and __fish_seen_subcommand_from list" -l home -d 'Directory of the local store [default: ~/.local/share/keep]' -r -F
complete -c keep -n "__fish_keep_using_subcommand env; and __fish_seen_subcommand_from list" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c keep -n "__fish_keep_using_subcommand env; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c keep -n "__fish_keep_using_subcommand env; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print no messages, only data'
complete -c keep -n "__fish_keep_using_subcommand env; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c keep -n "__fish_keep_using_subcommand env; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c keep -n "__fish_keep_using_subcommand env; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c keep -n "__fish_keep_using_subcommand env; and __fish_seen_subcommand_from create" -l server -d 'Use the `keep serve` at URL instead of the profile\'s server or the local store' -r
complete -c keep -n "__fish_keep_using_subcommand env; and __fish_seen_subcommand_from create" -l profile -d 'Use the saved profile NAME instead of the active one' -r
complete -c keep -n "__fish_keep_using_subcommand env; and __fish_seen_subcommand_from create" -l ca-cert -d 'Trust the CA certificates in this PEM file for an `https://` server, besides the system\'s' -r -F
complete -c keep -n "__fish_keep_using_subcommand env; and __fish_seen_subcommand_from create" -l timeout -d 'Seconds to wait for the server\'s answer [default: the profile\'s, else 10]' -r
complete -c keep -n "__fish_keep_using_subcommand env; and __fish_seen_subcommand_from create" -s e -l env -d 'Environment the secrets live in [default: the profile\'s, else main]; `keep token create` takes it several times, for a token limited to those environments' -r
complete -c keep -n "__fish_keep_using_subcommand env; and __fish_seen_subcommand_from create" -l home -d 'Directory of the local store [default: ~/.local/share/keep]' -r -F
complete -c keep -n "__fish_keep_using_subcommand env; and __fish_seen_subcommand_from create" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c keep -n "__fish_keep_using_subcommand env; and __fish_seen_subcommand_from create" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c keep -n "__fish_keep_using_subcommand env; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Print no messages, only data'
complete -c keep -n "__fish_keep_using_subcommand env; and __fish_seen_subcommand_from create" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c keep -n "__fish_keep_using_subcommand env; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c keep -n "__fish_keep_using_subcommand env; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c keep -n "__fish_keep_using_subcommand env; and __fish_seen_subcommand_from delete" -l server -d 'Use the `keep serve` at URL instead of the profile\'s server or the local store' -r
complete -c keep -n "__fish_keep_using_subcommand env; and __fish_seen_subcommand_from delete" -l profile -d 'Use the saved profile NAME instead of the active one' -r
complete -c keep -n "__fish_keep_using_subcommand env; and __fish_seen_subcommand_from delete" -l ca-cert -d 'Trust the CA certificates in this PEM file for an `https://` server, besides the system\'s' -r -F
complete -c keep -n "__fish_keep_using_subcommand env; and __fish_seen_subcommand_from delete" -l timeout -d 'Seconds to wait for the server\'s answer [default: the profile\'s, else 10]' -r
complete -c keep -n "__fish_keep_using_subcommand env; and __fish_seen_subcommand_from delete" -s e -l env -d 'Environment the secrets live in [default: the profile\'s, else main]; `keep token create` takes it several times, for a token limited to those environments' -r
complete -c keep -n "__fish_keep_using_subcommand env; and __fish_seen_subcommand_from delete" -l home -d 'Directory of the local store [default: ~/.local/share/keep]' -r -F
complete -c keep -n "__fish_keep_using_subcommand env; and __fish_seen_subcommand_from delete" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c keep -n "__fish_keep_using_subcommand env; and __fish_seen_subcommand_from delete" -l force -d 'Delete it even if it holds secrets, and them with it (irreversible)'
complete -c keep -n "__fish_keep_using_subcommand env; and __fish_seen_subcommand_from delete" -s y -l yes -d 'Do not ask for confirmation'
complete -c keep -n "__fish_keep_using_subcommand env; and __fish_seen_subcommand_from delete" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c keep -n "__fish_keep_using_subcommand env; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Print no messages, only data'
complete -c keep -n "__fish_keep_using_subcommand env; and __fish_seen_subcommand_from delete" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c keep -n "__fish_keep_using_subcommand env; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help'
complete -c keep -n "__fish_keep_using_subcommand env; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c keep -n "__fish_keep_using_subcommand env; and __fish_seen_subcommand_from help" -f -a "list" -d 'List environments, sorted'
complete -c keep -n "__fish_keep_using_subcommand env; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create an environment'
complete -c keep -n "__fish_keep_using_subcommand env; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete an environment (with its secrets only with --force)'
complete -c keep -n "__fish_keep_using_subcommand env; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c keep -n "__fish_keep_using_subcommand import-dotenv" -l filename -d 'Name of the file to look for' -r
complete -c keep -n "__fish_keep_using_subcommand import-dotenv" -l server -d 'Use the `keep serve` at URL instead of the profile\'s server or the local store' -r
complete -c keep -n "__fish_keep_using_subcommand import-dotenv" -l profile -d 'Use the saved profile NAME instead of the active one' -r
complete -c keep -n "__fish_keep_using_subcommand import-dotenv" -l ca-cert -d 'Trust the CA certificates in this PEM file for an `https://` server, besides the system\'s' -r -F
complete -c keep -n "__fish_keep_using_subcommand import-dotenv" -l timeout -d 'Seconds to wait for the server\'s answer [default: the profile\'s, else 10]' -r
complete -c keep -n "__fish_keep_using_subcommand import-dotenv" -s e -l env -d 'Environment the secrets live in [default: the profile\'s, else main]; `keep token create` takes it several times, for a token limited to those environments' -r
complete -c keep -n "__fish_keep_using_subcommand import-dotenv" -l home -d 'Directory of the local store [default: ~/.local/share/keep]' -r -F
complete -c keep -n "__fish_keep_using_subcommand import-dotenv" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c keep -n "__fish_keep_using_subcommand import-dotenv" -l allow-existing -d 'If the secret exists, keep its values and succeed'
complete -c keep -n "__fish_keep_using_subcommand import-dotenv" -l force -d 'If the secret exists, replace its values'
complete -c keep -n "__fish_keep_using_subcommand import-dotenv" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c keep -n "__fish_keep_using_subcommand import-dotenv" -s q -l quiet -d 'Print no messages, only data'
complete -c keep -n "__fish_keep_using_subcommand import-dotenv" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c keep -n "__fish_keep_using_subcommand import-dotenv" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keep -n "__fish_keep_using_subcommand import-dotenv" -s V -l version -d 'Print version'
complete -c keep -n "__fish_keep_using_subcommand import-env" -l server -d 'Use the `keep serve` at URL instead of the profile\'s server or the local store' -r
complete -c keep -n "__fish_keep_using_subcommand import-env" -l profile -d 'Use the saved profile NAME instead of the active one' -r
complete -c keep -n "__fish_keep_using_subcommand import-env" -l ca-cert -d 'Trust the CA certificates in this PEM file for an `https://` server, besides the system\'s' -r -F
complete -c keep -n "__fish_keep_using_subcommand import-env" -l timeout -d 'Seconds to wait for the server\'s answer [default: the profile\'s, else 10]' -r
complete -c keep -n "__fish_keep_using_subcommand import-env" -s e -l env -d 'Environment the secrets live in [default: the profile\'s, else main]; `keep token create` takes it several times, for a token limited to those environments' -r
complete -c keep -n "__fish_keep_using_subcommand import-env" -l home -d 'Directory of the local store [default: ~/.local/share/keep]' -r -F
complete -c keep -n "__fish_keep_using_subcommand import-env" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c keep -n "__fish_keep_using_subcommand import-env" -l allow-existing -d 'If the secret exists, keep its values and succeed'
complete -c keep -n "__fish_keep_using_subcommand import-env" -l force -d 'If the secret exists, replace its values'
complete -c keep -n "__fish_keep_using_subcommand import-env" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c keep -n "__fish_keep_using_subcommand import-env" -s q -l quiet -d 'Print no messages, only data'
complete -c keep -n "__fish_keep_using_subcommand import-env" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c keep -n "__fish_keep_using_subcommand import-env" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keep -n "__fish_keep_using_subcommand import-env" -s V -l version -d 'Print version'
complete -c keep -n "__fish_keep_using_subcommand run" -l require -d 'Fail before starting anything unless some secret has KEY (repeatable)' -r
complete -c keep -n "__fish_keep_using_subcommand run" -l server -d 'Use the `keep serve` at URL instead of the profile\'s server or the local store' -r
complete -c keep -n "__fish_keep_using_subcommand run" -l profile -d 'Use the saved profile NAME instead of the active one' -r
complete -c keep -n "__fish_keep_using_subcommand run" -l ca-cert -d 'Trust the CA certificates in this PEM file for an `https://` server, besides the system\'s' -r -F
complete -c keep -n "__fish_keep_using_subcommand run" -l timeout -d 'Seconds to wait for the server\'s answer [default: the profile\'s, else 10]' -r
complete -c keep -n "__fish_keep_using_subcommand run" -s e -l env -d 'Environment the secrets live in [default: the profile\'s, else main]; `keep token create` takes it several times, for a token limited to those environments' -r
complete -c keep -n "__fish_keep_using_subcommand run" -l home -d 'Directory of the local store [default: ~/.local/share/keep]' -r -F
complete -c keep -n "__fish_keep_using_subcommand run" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c keep -n "__fish_keep_using_subcommand run" -l no-inherit-env -d 'Start from an empty environment plus PATH, instead of the current one'
complete -c keep -n "__fish_keep_using_subcommand run" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c keep -n "__fish_keep_using_subcommand run" -s q -l quiet -d 'Print no messages, only data'
complete -c keep -n "__fish_keep_using_subcommand run" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c keep -n "__fish_keep_using_subcommand run" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keep -n "__fish_keep_using_subcommand run" -s V -l version -d 'Print version'
complete -c keep -n "__fish_keep_using_subcommand export" -l format -d 'Output format [default: dotenv; json with --json]' -r -f -a "dotenv\t'KEY=\'value\' lines that `keep import-dotenv` and python-dotenv read back exactly'
json\t'One flat JSON object, keys sorted'
shell\t'`export KEY=\'value\'` lines for `eval` in sh, bash or zsh'"
complete -c keep -n "__fish_keep_using_subcommand export" -s o -l output -d 'Write to PATH (mode 0600, replaced atomically) instead of stdout' -r -F
complete -c keep -n "__fish_keep_using_subcommand export" -l version -d 'Export version N of the secret instead of the current one (see `keep history`)' -r
complete -c keep -n "__fish_keep_using_subcommand export" -l server -d 'Use the `keep serve` at URL instead of the profile\'s server or the local store' -r
complete -c keep -n "__fish_keep_using_subcommand export" -l profile -d 'Use the saved profile NAME instead of the active one' -r
complete -c keep -n "__fish_keep_using_subcommand export" -l ca-cert -d 'Trust the CA certificates in this PEM file for an `https://` server, besides the system\'s' -r -F
complete -c keep -n "__fish_keep_using_subcommand export" -l timeout -d 'Seconds to wait for the server\'s answer [default: the profile\'s, else 10]' -r
complete -c keep -n "__fish_keep_using_subcommand export" -s e -l env -d 'Environment the secrets live in [default: the profile\'s, else main]; `keep token create` takes it several times, for a token limited to those environments' -r
complete -c keep -n "__fish_keep_using_subcommand export" -l home -d 'Directory of the local store [default: ~/.local/share/keep]' -r -F
complete -c keep -n "__fish_keep_using_subcommand export" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c keep -n "__fish_keep_using_subcommand export" -l reveal -d 'Print the values on a terminal without asking'
complete -c keep -n "__fish_keep_using_subcommand export" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c keep -n "__fish_keep_using_subcommand export" -s q -l quiet -d 'Print no messages, only data'
complete -c keep -n "__fish_keep_using_subcommand export" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c keep -n "__fish_keep_using_subcommand export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keep -n "__fish_keep_using_subcommand login" -l fingerprint -d 'Trust the certificate with this SHA-256 fingerprint in the server\'s chain (as `keep serve --tls-self-signed` prints it) instead of --ca-cert' -r
complete -c keep -n "__fish_keep_using_subcommand login" -l server -d 'Use the `keep serve` at URL instead of the profile\'s server or the local store' -r
complete -c keep -n "__fish_keep_using_subcommand login" -l profile -d 'Use the saved profile NAME instead of the active one' -r
complete -c keep -n "__fish_keep_using_subcommand login" -l ca-cert -d 'Trust the CA certificates in this PEM file for an `https://` server, besides the system\'s' -r -F
complete -c keep -n "__fish_keep_using_subcommand login" -l timeout -d 'Seconds to wait for the server\'s answer [default: the profile\'s, else 10]' -r
complete -c keep -n "__fish_keep_using_subcommand login" -s e -l env -d 'Environment the secrets live in [default: the profile\'s, else main]; `keep token create` takes it several times, for a token limited to those environments' -r
complete -c keep -n "__fish_keep_using_subcommand login" -l home -d 'Directory of the local store [default: ~/.local/share/keep]' -r -F
complete -c keep -n "__fish_keep_using_subcommand login" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c keep -n "__fish_keep_using_subcommand login" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c keep -n "__fish_keep_using_subcommand login" -s q -l quiet -d 'Print no messages, only data'
complete -c keep -n "__fish_keep_using_subcommand login" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c keep -n "__fish_keep_using_subcommand login" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keep -n "__fish_keep_using_subcommand login" -s V -l version -d 'Print version'
complete -c keep -n "__fish_keep_using_subcommand logout" -l server -d 'Use the `keep serve` at URL instead of the profile\'s server or the local store' -r
complete -c keep -n "__fish_keep_using_subcommand logout" -l profile -d 'Use the saved profile NAME instead of the active one' -r
complete -c keep -n "__fish_keep_using_subcommand logout" -l ca-cert -d 'Trust the CA certificates in this PEM file for an `https://` server, besides the system\'s' -r -F
complete -c keep -n "__fish_keep_using_subcommand logout" -l timeout -d 'Seconds to wait for the server\'s answer [default: the profile\'s, else 10]' -r
complete -c keep -n "__fish_keep_using_subcommand logout" -s e -l env -d 'Environment the secrets live in [default: the profile\'s, else main]; `keep token create` takes it several times, for a token limited to those environments' -r
complete -c keep -n "__fish_keep_using_subcommand logout" -l home -d 'Directory of the local store [default: ~/.local/share/keep]' -r -F
complete -c keep -n "__fish_keep_using_subcommand logout" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c keep -n "__fish_keep_using_subcommand logout" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c keep -n "__fish_keep_using_subcommand logout" -s q -l quiet -d 'Print no messages, only data'
complete -c keep -n "__fish_keep_using_subcommand logout" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c keep -n "__fish_keep_using_subcommand logout" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keep -n "__fish_keep_using_subcommand logout" -s V -l version -d 'Print version'
complete -c keep -n "__fish_keep_using_subcommand profile; and not __fish_seen_subcommand_from list use remove help" -l server -d 'Use the `keep serve` at URL instead of the profile\'s server or the local store' -r
complete -c keep -n "__fish_keep_using_subcommand profile; and not __fish_seen_subcommand_from list use remove help" -l profile -d 'Use the saved profile NAME instead of the active one' -r
complete -c keep -n "__fish_keep_using_subcommand profile; and not __fish_seen_subcommand_from list use remove help" -l ca-cert -d 'Trust the CA certificates in this PEM file for an `https://` server, besides the system\'s' -r -F
complete -c keep -n "__fish_keep_using_subcommand profile; and not __fish_seen_subcommand_from list use remove help" -l timeout -d 'Seconds to wait for the server\'s answer [default: the profile\'s, else 10]' -r
complete -c keep -n "__fish_keep_using_subcommand profile; and not __fish_seen_subcommand_from list use remove help" -s e -l env -d 'Environment the secrets live in [default: the profile\'s, else main]; `keep token create` takes it several times, for a token limited to those environments' -r
complete -c keep -n "__fish_keep_using_subcommand profile; and not __fish_seen_subcommand_from list use remove help" -l home -d 'Directory of the local store [default: ~/.local/share/keep]' -r -F
complete -c keep -n "__fish_keep_using_subcommand profile; and not __fish_seen_subcommand_from list use remove help" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c keep -n "__fish_keep_using_subcommand profile; and not __fish_seen_subcommand_from list use remove help" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c keep -n "__fish_keep_using_subcommand profile; and not __fish_seen_subcommand_from list use remove help" -s q -l quiet -d 'Print no messages, only data'
complete -c keep -n "__fish_keep_using_subcommand profile; and not __fish_seen_subcommand_from list use remove help" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c keep -n "__fish_keep_using_subcommand profile; and not __fish_seen_subcommand_from list use remove help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keep -n "__fish_keep_using_subcommand profile; and not __fish_seen_subcommand_from list use remove help" -s V -l version -d 'Print version'
complete -c keep -n "__fish_keep_using_subcommand profile; and not __fish_seen_subcommand_from list use remove help" -f -a "list" -d 'List profiles: which is active, their servers and token names (never the tokens)'
complete -c keep -n "__fish_keep_using_subcommand profile; and not __fish_seen_subcommand_from list use remove help" -f -a "use" -d 'Make a profile the active one'
complete -c keep -n "__fish_keep_using_subcommand profile; and not __fish_seen_subcommand_from list use remove help" -f -a "remove" -d 'Remove a profile and its token from this machine'
complete -c keep -n "__fish_keep_using_subcommand profile; and not __fish_seen_subcommand_from list use remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c keep -n "__fish_keep_using_subcommand profile; and __fish_seen_subcommand_from list" -l server -d 'Use the `keep serve` at URL instead of the profile\'s server or the local store' -r
complete -c keep -n "__fish_keep_using_subcommand profile; and __fish_seen_subcommand_from list" -l profile -d 'Use the saved profile NAME instead of the active one' -r
complete -c keep -n "__fish_keep_using_subcommand profile; and __fish_seen_subcommand_from list" -l ca-cert -d 'Trust the CA certificates in this PEM file for an `https://` server, besides the system\'s' -r -F
complete -c keep -n "__fish_keep_using_subcommand profile; and __fish_seen_subcommand_from list" -l timeout -d 'Seconds to wait for the server\'s answer [default: the profile\'s, else 10]' -r
complete -c keep -n "__fish_keep_using_subcommand profile; and __fish_seen_subcommand_from list" -s e -l env -d 'Environment the secrets live in [default: the profile\'s, else main]; `keep token create` takes it several times, for a token limited to those environments' -r
complete -c keep -n "__fish_keep_using_subcommand profile; and __fish_seen_subcommand_from list" -l home -d 'Directory of the local store [default: ~/.local/share/keep]' -r -F
complete -c keep -n "__fish_keep_using_subcommand profile; and __fish_seen_subcommand_from list" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c keep -n "__fish_keep_using_subcommand profile; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c keep -n "__fish_keep_using_subcommand profile; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print no messages, only data'
complete -c keep -n "__fish_keep_using_subcommand profile; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c keep -n "__fish_keep_using_subcommand profile; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c keep -n "__fish_keep_using_subcommand profile; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c keep -n "__fish_keep_using_subcommand profile; and __fish_seen_subcommand_from use" -l server -d 'Use the `keep serve` at URL instead of the profile\'s server or the local store' -r
complete -c keep -n "__fish_keep_using_subcommand profile; and __fish_seen_subcommand_from use" -l profile -d 'Use the saved profile NAME instead of the active one' -r
complete -c keep -n "__fish_keep_using_subcommand profile; and __fish_seen_subcommand_from use" -l ca-cert -d 'Trust the CA certificates in this PEM file for an `https://` server, besides the system\'s' -r -F
complete -c keep -n "__fish_keep_using_subcommand profile; and __fish_seen_subcommand_from use" -l timeout -d 'Seconds to wait for the server\'s answer [default: the profile\'s, else 10]' -r
complete -c keep -n "__fish_keep_using_subcommand profile; and __fish_seen_subcommand_from use" -s e -l env -d 'Environment the secrets live in [default: the profile\'s, else main]; `keep token create` takes it several times, for a token limited to those environments' -r
complete -c keep -n "__fish_keep_using_subcommand profile; and __fish_seen_subcommand_from use" -l home -d 'Directory of the local store [default: ~/.local/share/keep]' -r -F
complete -c keep -n "__fish_keep_using_subcommand profile; and __fish_seen_subcommand_from use" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c keep -n "__fish_keep_using_subcommand profile; and __fish_seen_subcommand_from use" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c keep -n "__fish_keep_using_subcommand profile; and __fish_seen_subcommand_from use" -s q -l quiet -d 'Print no messages, only data'
complete -c keep -n "__fish_keep_using_subcommand profile; and __fish_seen_subcommand_from use" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c keep -n "__fish_keep_using_subcommand profile; and __fish_seen_subcommand_from use" -s h -l help -d 'Print help'
complete -c keep -n "__fish_keep_using_subcommand profile; and __fish_seen_subcommand_from use" -s V -l version -d 'Print version'
complete -c keep -n "__fish_keep_using_subcommand profile; and __fish_seen_subcommand_from remove" -l server -d 'Use the `keep serve` at URL instead of the profile\'s server or the local store' -r
complete -c keep -n "__fish_keep_using_subcommand profile; and __fish_seen_subcommand_from remove" -l profile -d 'Use the saved profile NAME instead of the active one' -r
complete -c keep -n "__fish_keep_using_subcommand profile; and __fish_seen_subcommand_from remove" -l ca-cert -d 'Trust the CA certificates in this PEM file for an `https://` server, besides the system\'s' -r -F
complete -c keep -n "__fish_keep_using_subcommand profile; and __fish_seen_subcommand_from remove" -l timeout -d 'Seconds to wait for the server\'s answer [default: the profile\'s, else 10]' -r
complete -c keep -n "__fish_keep_using_subcommand profile; and __fish_seen_subcommand_from remove" -s e -l env -d 'Environment the secrets live in [default: the profile\'s, else main]; `keep token create` takes it several times, for a token limited to those environments' -r
complete -c keep -n "__fish_keep_using_subcommand profile; and __fish_seen_subcommand_from remove" -l home -d 'Directory of the local store [default: ~/.local/share/keep]' -r -F
complete -c keep -n "__fish_keep_using_subcommand profile; and __fish_seen_subcommand_from remove" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c keep -n "__fish_keep_using_subcommand profile; and __fish_seen_subcommand_from remove" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c keep -n "__fish_keep_using_subcommand profile; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print no messages, only data'
complete -c keep -n "__fish_keep_using_subcommand profile; and __fish_seen_subcommand_from remove" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c keep -n "__fish_keep_using_subcommand profile; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keep -n "__fish_keep_using_subcommand profile; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c keep -n "__fish_keep_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "list" -d 'List profiles: which is active, their servers and token names (never the tokens)'
complete -c keep -n "__fish_keep_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "use" -d 'Make a profile the active one'
complete -c keep -n "__fish_keep_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a profile and its token from this machine'
complete -c keep -n "__fish_keep_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c keep -n "__fish_keep_using_subcommand status" -l server -d 'Use the `keep serve` at URL instead of the profile\'s server or the local store' -r
complete -c keep -n "__fish_keep_using_subcommand status" -l profile -d 'Use the saved profile NAME instead of the active one' -r
complete -c keep -n "__fish_keep_using_subcommand status" -l ca-cert -d 'Trust the CA certificates in this PEM file for an `https://` server, besides the system\'s' -r -F
complete -c keep -n "__fish_keep_using_subcommand status" -l timeout -d 'Seconds to wait for the server\'s answer [default: the profile\'s, else 10]' -r
complete -c keep -n "__fish_keep_using_subcommand status" -s e -l env -d 'Environment the secrets live in [default: the profile\'s, else main]; `keep token create` takes it several times, for a token limited to those environments' -r
complete -c keep -n "__fish_keep_using_subcommand status" -l home -d 'Directory of the local store [default: ~/.local/share/keep]' -r -F
complete -c keep -n "__fish_keep_using_subcommand status" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c keep -n "__fish_keep_using_subcommand status" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c keep -n "__fish_keep_using_subcommand status" -s q -l quiet -d 'Print no messages, only data'
complete -c keep -n "__fish_keep_using_subcommand status" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c keep -n "__fish_keep_using_subcommand status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keep -n "__fish_keep_using_subcommand status" -s V -l version -d 'Print version'
complete -c keep -n "__fish_keep_using_subcommand dashboard" -l port -d 'Port to listen on [default: a free one]' -r
complete -c keep -n "__fish_keep_using_subcommand dashboard" -l server -d 'Use the `keep serve` at URL instead of the profile\'s server or the local store' -r
complete -c keep -n "__fish_keep_using_subcommand dashboard" -l profile -d 'Use the saved profile NAME instead of the active one' -r
complete -c keep -n "__fish_keep_using_subcommand dashboard" -l ca-cert -d 'Trust the CA certificates in this PEM file for an `https://` server, besides the system\'s' -r -F
complete -c keep -n "__fish_keep_using_subcommand dashboard" -l timeout -d 'Seconds to wait for the server\'s answer [default: the profile\'s, else 10]' -r
complete -c keep -n "__fish_keep_using_subcommand dashboard" -s e -l env -d 'Environment the secrets live in [default: the profile\'s, else main]; `keep token create` takes it several times, for a token limited to those environments' -r
complete -c keep -n "__fish_keep_using_subcommand dashboard" -l home -d 'Directory of the local store [default: ~/.local/share/keep]' -r -F
complete -c keep -n "__fish_keep_using_subcommand dashboard" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c keep -n "__fish_keep_using_subcommand dashboard" -l open -d 'Open the link in the default browser'
complete -c keep -n "__fish_keep_using_subcommand dashboard" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c keep -n "__fish_keep_using_subcommand dashboard" -s q -l quiet -d 'Print no messages, only data'
complete -c keep -n "__fish_keep_using_subcommand dashboard" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c keep -n "__fish_keep_using_subcommand dashboard" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keep -n "__fish_keep_using_subcommand dashboard" -s V -l version -d 'Print version'
complete -c keep -n "__fish_keep_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -l server -d 'Use the `keep serve` at URL instead of the profile\'s server or the local store' -r
complete -c keep -n "__fish_keep_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -l profile -d 'Use the saved profile NAME instead of the active one' -r
complete -c keep -n "__fish_keep_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -l ca-cert -d 'Trust the CA certificates in this PEM file for an `https://` server, besides the system\'s' -r -F
complete -c keep -n "__fish_keep_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -l timeout -d 'Seconds to wait for the server\'s answer [default: the profile\'s, else 10]' -r
complete -c keep -n "__fish_keep_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -s e -l env -d 'Environment the secrets live in [default: the profile\'s, else main]; `keep token create` takes it several times, for a token limited to those environments' -r
complete -c keep -n "__fish_keep_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -l home -d 'Directory of the local store [default: ~/.local/share/keep]' -r -F
complete -c keep -n "__fish_keep_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c keep -n "__fish_keep_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c keep -n "__fish_keep_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -s q -l quiet -d 'Print no messages, only data'
complete -c keep -n "__fish_keep_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c keep -n "__fish_keep_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keep -n "__fish_keep_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -s V -l version -d 'Print version'
complete -c keep -n "__fish_keep_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -f -a "create" -d 'Create a token and print it (once)'
complete -c keep -n "__fish_keep_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -f -a "list" -d 'List tokens: names, scopes and states, never the tokens themselves'
complete -c keep -n "__fish_keep_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -f -a "revoke" -d 'Revoke a token for good'
complete -c keep -n "__fish_keep_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c keep -n "__fish_keep_using_subcommand token; and __fish_seen_subcommand_from create" -l expires-in -d 'Expire after SPAN (such as 30d, 12h, 2w) [default: never]' -r
complete -c keep -n "__fish_keep_using_subcommand token; and __fish_seen_subcommand_from create" -l server -d 'Use the `keep serve` at URL instead of the profile\'s server or the local store' -r
complete -c keep -n "__fish_keep_using_subcommand token; and __fish_seen_subcommand_from create" -l profile -d 'Use the saved profile NAME instead of the active one' -r
complete -c keep -n "__fish_keep_using_subcommand token; and __fish_seen_subcommand_from create" -l ca-cert -d 'Trust the CA certificates in this PEM file for an `https://` server, besides the system\'s' -r -F
complete -c keep -n "__fish_keep_using_subcommand token; and __fish_seen_subcommand_from create" -l timeout -d 'Seconds to wait for the server\'s answer [default: the profile\'s, else 10]' -r
complete -c keep -n "__fish_keep_using_subcommand token; and __fish_seen_subcommand_from create" -s e -l env -d 'Environment the secrets live in [default: the profile\'s, else main]; `keep token create` takes it several times, for a token limited to those environments' -r
complete -c keep -n "__fish_keep_using_subcommand token; and __fish_seen_subcommand_from create" -l home -d 'Directory of the local store [default: ~/.local/share/keep]' -r -F
complete -c keep -n "__fish_keep_using_subcommand token; and __fish_seen_subcommand_from create" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c keep -n "__fish_keep_using_subcommand token; and __fish_seen_subcommand_from create" -l read-only -d 'Only read secrets: no create, update or delete'
complete -c keep -n "__fish_keep_using_subcommand token; and __fish_seen_subcommand_from create" -l admin -d 'An admin token: manages tokens, reads the audit log, rotates keys'
complete -c keep -n "__fish_keep_using_subcommand token; and __fish_seen_subcommand_from create" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c keep -n "__fish_keep_using_subcommand token; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Print no messages, only data'
complete -c keep -n "__fish_keep_using_subcommand token; and __fish_seen_subcommand_from create" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c keep -n "__fish_keep_using_subcommand token; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keep -n "__fish_keep_using_subcommand token; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c keep -n "__fish_keep_using_subcommand token; and __fish_seen_subcommand_from list" -l server -d 'Use the `keep serve` at URL instead of the profile\'s server or the local store' -r
complete -c keep -n "__fish_keep_using_subcommand token; and __fish_seen_subcommand_from list" -l profile -d 'Use the saved profile NAME instead of the active one' -r
complete -c keep -n "__fish_keep_using_subcommand token; and __fish_seen_subcommand_from list" -l ca-cert -d 'Trust the CA certificates in this PEM file for an `https://` server, besides the system\'s' -r -F
complete -c keep -n "__fish_keep_using_subcommand token; and __fish_seen_subcommand_from list" -l timeout -d 'Seconds to wait for the server\'s answer [default: the profile\'s, else 10]' -r
complete -c keep -n "__fish_keep_using_subcommand token; and __fish_seen_subcommand_from list" -s e -l env -d 'Environment the secrets live in [default: the profile\'s, else main]; `keep token create` takes it several times, for a token limited to those environments' -r
complete -c keep -n "__fish_keep_using_subcommand token; and __fish_seen_subcommand_from list" -l home -d 'Directory of the local store [default: ~/.local/share/keep]' -r -F
complete -c keep -n "__fish_keep_using_subcommand token; and __fish_seen_subcommand_from list" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c keep -n "__fish_keep_using_subcommand token; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c keep -n "__fish_keep_using_subcommand token; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print no messages, only data'
complete -c keep -n "__fish_keep_using_subcommand token; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c keep -n "__fish_keep_using_subcommand token; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c keep -n "__fish_keep_using_subcommand token; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c keep -n "__fish_keep_using_subcommand token; and __fish_seen_subcommand_from revoke" -l server -d 'Use the `keep serve` at URL instead of the profile\'s server or the local store' -r
complete -c keep -n "__fish_keep_using_subcommand token; and __fish_seen_subcommand_from revoke" -l profile -d 'Use the saved profile NAME instead of the active one' -r
complete -c keep -n "__fish_keep_using_subcommand token; and __fish_seen_subcommand_from revoke" -l ca-cert -d 'Trust the CA certificates in this PEM file for an `https://` server, besides the system\'s' -r -F
complete -c keep -n "__fish_keep_using_subcommand token; and __fish_seen_subcommand_from revoke" -l timeout -d 'Seconds to wait for the server\'s answer [default: the profile\'s, else 10]' -r
complete -c keep -n "__fish_keep_using_subcommand token; and __fish_seen_subcommand_from revoke" -s e -l env -d 'Environment the secrets live in [default: the profile\'s, else main]; `keep token create` takes it several times, for a token limited to those environments' -r
complete -c keep -n "__fish_keep_using_subcommand token; and __fish_seen_subcommand_from revoke" -l home -d 'Directory of the local store [default: ~/.local/share/keep]' -r -F
complete -c keep -n "__fish_keep_using_subcommand token; and __fish_seen_subcommand_from revoke" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c keep -n "__fish_keep_using_subcommand token; and __fish_seen_subcommand_from revoke" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c keep -n "__fish_keep_using_subcommand token; and __fish_seen_subcommand_from revoke" -s q -l quiet -d 'Print no messages, only data'
complete -c keep -n "__fish_keep_using_subcommand token; and __fish_seen_subcommand_from revoke" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c keep -n "__fish_keep_using_subcommand token; and __fish_seen_subcommand_from revoke" -s h -l help -d 'Print help'
complete -c keep -n "__fish_keep_using_subcommand token; and __fish_seen_subcommand_from revoke" -s V -l version -d 'Print version'
complete -c keep -n "__fish_keep_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a token and print it (once)'
complete -c keep -n "__fish_keep_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "list" -d 'List tokens: names, scopes and states, never the tokens themselves'
complete -c keep -n "__fish_keep_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "revoke" -d 'Revoke a token for good'
complete -c keep -n "__fish_keep_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c keep -n "__fish_keep_using_subcommand audit" -l since -d 'Only records at or after DATE (a day, an RFC 3339 time, or a span back: 7d, 12h)' -r
complete -c keep -n "__fish_keep_using_subcommand audit" -l max -d 'Show at most N records' -r
complete -c keep -n "__fish_keep_using_subcommand audit" -l server -d 'Use the `keep serve` at URL instead of the profile\'s server or the local store' -r
complete -c keep -n "__fish_keep_using_subcommand audit" -l profile -d 'Use the saved profile NAME instead of the active one' -r
complete -c keep -n "__fish_keep_using_subcommand audit" -l ca-cert -d 'Trust the CA certificates in this PEM file for an `https://` server, besides the system\'s' -r -F
complete -c keep -n "__fish_keep_using_subcommand audit" -l timeout -d 'Seconds to wait for the server\'s answer [default: the profile\'s, else 10]' -r
complete -c keep -n "__fish_keep_using_subcommand audit" -s e -l env -d 'Environment the secrets live in [default: the profile\'s, else main]; `keep token create` takes it several times, for a token limited to those environments' -r
complete -c keep -n "__fish_keep_using_subcommand audit" -l home -d 'Directory of the local store [default: ~/.local/share/keep]' -r -F
complete -c keep -n "__fish_keep_using_subcommand audit" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c keep -n "__fish_keep_using_subcommand audit" -l all -d 'Show every record, however many'
complete -c keep -n "__fish_keep_using_subcommand audit" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c keep -n "__fish_keep_using_subcommand audit" -s q -l quiet -d 'Print no messages, only data'
complete -c keep -n "__fish_keep_using_subcommand audit" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c keep -n "__fish_keep_using_subcommand audit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keep -n "__fish_keep_using_subcommand audit" -s V -l version -d 'Print version'
complete -c keep -n "__fish_keep_using_subcommand completions" -l server -d 'Use the `keep serve` at URL instead of the profile\'s server or the local store' -r
complete -c keep -n "__fish_keep_using_subcommand completions" -l profile -d 'Use the saved profile NAME instead of the active one' -r
complete -c keep -n "__fish_keep_using_subcommand completions" -l ca-cert -d 'Trust the CA certificates in this PEM file for an `https://` server, besides the system\'s' -r -F
complete -c keep -n "__fish_keep_using_subcommand completions" -l timeout -d 'Seconds to wait for the server\'s answer [default: the profile\'s, else 10]' -r
complete -c keep -n "__fish_keep_using_subcommand completions" -s e -l env -d 'Environment the secrets live in [default: the profile\'s, else main]; `keep token create` takes it several times, for a token limited to those environments' -r
complete -c keep -n "__fish_keep_using_subcommand completions" -l home -d 'Directory of the local store [default: ~/.local/share/keep]' -r -F
complete -c keep -n "__fish_keep_using_subcommand completions" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c keep -n "__fish_keep_using_subcommand completions" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c keep -n "__fish_keep_using_subcommand completions" -s q -l quiet -d 'Print no messages, only data'
complete -c keep -n "__fish_keep_using_subcommand completions" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c keep -n "__fish_keep_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keep -n "__fish_keep_using_subcommand completions" -s V -l version -d 'Print version'
complete -c keep -n "__fish_keep_using_subcommand serve; and not __fish_seen_subcommand_from admin-token rotate-key help" -l listen -d 'Address to listen on, HOST:PORT (port 0 picks a free port)' -r
complete -c keep -n "__fish_keep_using_subcommand serve; and not __fish_seen_subcommand_from admin-token rotate-key help" -l data-dir -d 'Data directory [default: ~/.local/share/keep/server]' -r -F
complete -c keep -n "__fish_keep_using_subcommand serve; and not __fish_seen_subcommand_from admin-token rotate-key help" -l database -d 'Database: `postgres://...` for several replicas, or `sqlite://PATH` [default: DIR/keep.db]' -r
complete -c keep -n "__fish_keep_using_subcommand serve; and not __fish_seen_subcommand_from admin-token rotate-key help" -l auth-failure-limit -d 'Failed authentications a client address may make per minute before it is refused with 429 for the rest of that minute (0: no limit)' -r
complete -c keep -n "__fish_keep_using_subcommand serve; and not __fish_seen_subcommand_from admin-token rotate-key help" -l tls-cert -d 'Serve HTTPS with this PEM certificate chain (leaf first); needs --tls-key' -r -F
complete -c keep -n "__fish_keep_using_subcommand serve; and not __fish_seen_subcommand_from admin-token rotate-key help" -l tls-key -d 'The PEM private key of --tls-cert' -r -F
complete -c keep -n "__fish_keep_using_subcommand serve; and not __fish_seen_subcommand_from admin-token rotate-key help" -l tls-name -d 'A name (or IP address) the --tls-self-signed certificate is for (repeatable) [default: this host\'s name, localhost and the listen address]' -r
complete -c keep -n "__fish_keep_using_subcommand serve; and not __fish_seen_subcommand_from admin-token rotate-key help" -l request-timeout -d 'Seconds a request may take, body included, before it gets 408' -r
complete -c keep -n "__fish_keep_using_subcommand serve; and not __fish_seen_subcommand_from admin-token rotate-key help" -l max-versions -d 'Versions kept of each secret, the newest; the write that passes the limit deletes the oldest (0: keep every version)' -r
complete -c keep -n "__fish_keep_using_subcommand serve; and not __fish_seen_subcommand_from admin-token rotate-key help" -l session-idle -d 'How long a dashboard session lasts unused, such as `15m` or `90s`' -r
complete -c keep -n "__fish_keep_using_subcommand serve; and not __fish_seen_subcommand_from admin-token rotate-key help" -l session-max -d 'How long a dashboard session lasts at most, used or not, such as `8h`' -r
complete -c keep -n "__fish_keep_using_subcommand serve; and not __fish_seen_subcommand_from admin-token rotate-key help" -l reveal-for -d 'How long the dashboard shows revealed values before masking them again' -r
complete -c keep -n "__fish_keep_using_subcommand serve; and not __fish_seen_subcommand_from admin-token rotate-key help" -l server -d 'Use the `keep serve` at URL instead of the profile\'s server or the local store' -r
complete -c keep -n "__fish_keep_using_subcommand serve; and not __fish_seen_subcommand_from admin-token rotate-key help" -l profile -d 'Use the saved profile NAME instead of the active one' -r
complete -c keep -n "__fish_keep_using_subcommand serve; and not __fish_seen_subcommand_from admin-token rotate-key help" -l ca-cert -d 'Trust the CA certificates in this PEM file for an `https://` server, besides the system\'s' -r -F
complete -c keep -n "__fish_keep_using_subcommand serve; and not __fish_seen_subcommand_from admin-token rotate-key help" -l timeout -d 'Seconds to wait for the server\'s answer [default: the profile\'s, else 10]' -r
complete -c keep -n "__fish_keep_using_subcommand serve; and not __fish_seen_subcommand_from admin-token rotate-key help" -s e -l env -d 'Environment the secrets live in [default: the profile\'s, else main]; `keep token create` takes it several times, for a token limited to those environments' -r
complete -c keep -n "__fish_keep_using_subcommand serve; and not __fish_seen_subcommand_from admin-token rotate-key help" -l home -d 'Directory of the local store [default: ~/.local/share/keep]' -r -F
complete -c keep -n "__fish_keep_using_subcommand serve; and not __fish_seen_subcommand_from admin-token rotate-key help" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c keep -n "__fish_keep_using_subcommand serve; and not __fish_seen_subcommand_from admin-token rotate-key help" -l tls-self-signed -d 'Serve HTTPS with a certificate signed by a private CA of this server\'s own, made on first start in DIR/tls'
complete -c keep -n "__fish_keep_using_subcommand serve; and not __fish_seen_subcommand_from admin-token rotate-key help" -l insecure-http -d 'Allow plain HTTP on a non-loopback address: tokens and values cross the network in clear'
complete -c keep -n "__fish_keep_using_subcommand serve; and not __fish_seen_subcommand_from admin-token rotate-key help" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c keep -n "__fish_keep_using_subcommand serve; and not __fish_seen_subcommand_from admin-token rotate-key help" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c keep -n "__fish_keep_using_subcommand serve; and not __fish_seen_subcommand_from admin-token rotate-key help" -s q -l quiet -d 'Print no messages, only data'
complete -c keep -n "__fish_keep_using_subcommand serve; and not __fish_seen_subcommand_from admin-token rotate-key help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keep -n "__fish_keep_using_subcommand serve; and not __fish_seen_subcommand_from admin-token rotate-key help" -s V -l version -d 'Print version'
complete -c keep -n "__fish_keep_using_subcommand serve; and not __fish_seen_subcommand_from admin-token rotate-key help" -f -a "admin-token" -d 'Mint a new admin token offline, from the server\'s data directory (operator)'
complete -c keep -n "__fish_keep_using_subcommand serve; and not __fish_seen_subcommand_from admin-token rotate-key help" -f -a "rotate-key" -d 'Rotate the master key of a running server (admin)'
complete -c keep -n "__fish_keep_using_subcommand serve; and not __fish_seen_subcommand_from admin-token rotate-key help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c keep -n "__fish_keep_using_subcommand serve; and __fish_seen_subcommand_from admin-token" -l data-dir -d 'Data directory [default: ~/.local/share/keep/server]' -r -F
complete -c keep -n "__fish_keep_using_subcommand serve; and __fish_seen_subcommand_from admin-token" -l database -d 'Database: `postgres://...` for several replicas, or `sqlite://PATH` [default: DIR/keep.db]' -r
complete -c keep -n "__fish_keep_using_subcommand serve; and __fish_seen_subcommand_from admin-token" -l name -d 'Name of the new token [default: admin-YYYYMMDD-HHMMSS]' -r
complete -c keep -n "__fish_keep_using_subcommand serve; and __fish_seen_subcommand_from admin-token" -l server -d 'Use the `keep serve` at URL instead of the profile\'s server or the local store' -r
complete -c keep -n "__fish_keep_using_subcommand serve; and __fish_seen_subcommand_from admin-token" -l profile -d 'Use the saved profile NAME instead of the active one' -r
complete -c keep -n "__fish_keep_using_subcommand serve; and __fish_seen_subcommand_from admin-token" -l ca-cert -d 'Trust the CA certificates in this PEM file for an `https://` server, besides the system\'s' -r -F
complete -c keep -n "__fish_keep_using_subcommand serve; and __fish_seen_subcommand_from admin-token" -l timeout -d 'Seconds to wait for the server\'s answer [default: the profile\'s, else 10]' -r
complete -c keep -n "__fish_keep_using_subcommand serve; and __fish_seen_subcommand_from admin-token" -s e -l env -d 'Environment the secrets live in [default: the profile\'s, else main]; `keep token create` takes it several times, for a token limited to those environments' -r
complete -c keep -n "__fish_keep_using_subcommand serve; and __fish_seen_subcommand_from admin-token" -l home -d 'Directory of the local store [default: ~/.local/share/keep]' -r -F
complete -c keep -n "__fish_keep_using_subcommand serve; and __fish_seen_subcommand_from admin-token" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c keep -n "__fish_keep_using_subcommand serve; and __fish_seen_subcommand_from admin-token" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c keep -n "__fish_keep_using_subcommand serve; and __fish_seen_subcommand_from admin-token" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c keep -n "__fish_keep_using_subcommand serve; and __fish_seen_subcommand_from admin-token" -s q -l quiet -d 'Print no messages, only data'
complete -c keep -n "__fish_keep_using_subcommand serve; and __fish_seen_subcommand_from admin-token" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keep -n "__fish_keep_using_subcommand serve; and __fish_seen_subcommand_from admin-token" -s V -l version -d 'Print version'
complete -c keep -n "__fish_keep_using_subcommand serve; and __fish_seen_subcommand_from rotate-key" -l server -d 'Use the `keep serve` at URL instead of the profile\'s server or the local store' -r
complete -c keep -n "__fish_keep_using_subcommand serve; and __fish_seen_subcommand_from rotate-key" -l profile -d 'Use the saved profile NAME instead of the active one' -r
complete -c keep -n "__fish_keep_using_subcommand serve; and __fish_seen_subcommand_from rotate-key" -l ca-cert -d 'Trust the CA certificates in this PEM file for an `https://` server, besides the system\'s' -r -F
complete -c keep -n "__fish_keep_using_subcommand serve; and __fish_seen_subcommand_from rotate-key" -l timeout -d 'Seconds to wait for the server\'s answer [default: the profile\'s, else 10]' -r
complete -c keep -n "__fish_keep_using_subcommand serve; and __fish_seen_subcommand_from rotate-key" -s e -l env -d 'Environment the secrets live in [default: the profile\'s, else main]; `keep token create` takes it several times, for a token limited to those environments' -r
complete -c keep -n "__fish_keep_using_subcommand serve; and __fish_seen_subcommand_from rotate-key" -l home -d 'Directory of the local store [default: ~/.local/share/keep]' -r -F
complete -c keep -n "__fish_keep_using_subcommand serve; and __fish_seen_subcommand_from rotate-key" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c keep -n "__fish_keep_using_subcommand serve; and __fish_seen_subcommand_from rotate-key" -l no-wait -d 'Return once the new key is in use, without waiting for the rewrap'
complete -c keep -n "__fish_keep_using_subcommand serve; and __fish_seen_subcommand_from rotate-key" -l status -d 'Only report which keys wrap how many secrets'
complete -c keep -n "__fish_keep_using_subcommand serve; and __fish_seen_subcommand_from rotate-key" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c keep -n "__fish_keep_using_subcommand serve; and __fish_seen_subcommand_from rotate-key" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c keep -n "__fish_keep_using_subcommand serve; and __fish_seen_subcommand_from rotate-key" -s q -l quiet -d 'Print no messages, only data'
complete -c keep -n "__fish_keep_using_subcommand serve; and __fish_seen_subcommand_from rotate-key" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c keep -n "__fish_keep_using_subcommand serve; and __fish_seen_subcommand_from rotate-key" -s V -l version -d 'Print version'
complete -c keep -n "__fish_keep_using_subcommand serve; and __fish_seen_subcommand_from help" -f -a "admin-token" -d 'Mint a new admin token offline, from the server\'s data directory (operator)'
complete -c keep -n "__fish_keep_using_subcommand serve; and __fish_seen_subcommand_from help" -f -a "rotate-key" -d 'Rotate the master key of a running server (admin)'
complete -c keep -n "__fish_keep_using_subcommand serve; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c keep -n "__fish_keep_using_subcommand help; and not __fish_seen_subcommand_from create list show update edit delete history diff rollback rename copy environment import-dotenv import-env run export login logout profile status dashboard token audit completions serve help" -f -a "create" -d 'Create a secret from KEY=VALUE pairs and files'
complete -c keep -n "__fish_keep_using_subcommand help; and not __fish_seen_subcommand_from create list show update edit delete history diff rollback rename copy environment import-dotenv import-env run export login logout profile status dashboard token audit completions serve help" -f -a "list" -d 'List secrets, newest first'
complete -c keep -n "__fish_keep_using_subcommand help; and not __fish_seen_subcommand_from create list show update edit delete history diff rollback rename copy environment import-dotenv import-env run export login logout profile status dashboard token audit completions serve help" -f -a "show" -d 'Show a secret\'s details and keys'
complete -c keep -n "__fish_keep_using_subcommand help; and not __fish_seen_subcommand_from create list show update edit delete history diff rollback rename copy environment import-dotenv import-env run export login logout profile status dashboard token audit completions serve help" -f -a "update" -d 'Add, change or remove variables of an existing secret'
complete -c keep -n "__fish_keep_using_subcommand help; and not __fish_seen_subcommand_from create list show update edit delete history diff rollback rename copy environment import-dotenv import-env run export login logout profile status dashboard token audit completions serve help" -f -a "edit" -d 'Edit a secret\'s values in your editor, saved as one update'
complete -c keep -n "__fish_keep_using_subcommand help; and not __fish_seen_subcommand_from create list show update edit delete history diff rollback rename copy environment import-dotenv import-env run export login logout profile status dashboard token audit completions serve help" -f -a "delete" -d 'Delete a secret (irreversible)'
complete -c keep -n "__fish_keep_using_subcommand help; and not __fish_seen_subcommand_from create list show update edit delete history diff rollback rename copy environment import-dotenv import-env run export login logout profile status dashboard token audit completions serve help" -f -a "history" -d 'List a secret\'s versions: when, who, which keys changed (never values)'
complete -c keep -n "__fish_keep_using_subcommand help; and not __fish_seen_subcommand_from create list show update edit delete history diff rollback rename copy environment import-dotenv import-env run export login logout profile status dashboard token audit completions serve help" -f -a "diff" -d 'Compare two versions of a secret: keys added, changed and removed'
complete -c keep -n "__fish_keep_using_subcommand help; and not __fish_seen_subcommand_from create list show update edit delete history diff rollback rename copy environment import-dotenv import-env run export login logout profile status dashboard token audit completions serve help" -f -a "rollback" -d 'Make the values of an earlier version the current ones (as a new version)'
complete -c keep -n "__fish_keep_using_subcommand help; and not __fish_seen_subcommand_from create list show update edit delete history diff rollback rename copy environment import-dotenv import-env run export login logout profile status dashboard token audit completions serve help" -f -a "rename" -d 'Rename a secret (its id and history stay)'
complete -c keep -n "__fish_keep_using_subcommand help; and not __fish_seen_subcommand_from create list show update edit delete history diff rollback rename copy environment import-dotenv import-env run export login logout profile status dashboard token audit completions serve help" -f -a "copy" -d 'Copy a secret to another environment or name'
complete -c keep -n "__fish_keep_using_subcommand help; and not __fish_seen_subcommand_from create list show update edit delete history diff rollback rename copy environment import-dotenv import-env run export login logout profile status dashboard token audit completions serve help" -f -a "environment" -d 'Manage environments: list, create, delete'
complete -c keep -n "__fish_keep_using_subcommand help; and not __fish_seen_subcommand_from create list show update edit delete history diff rollback rename copy environment import-dotenv import-env run export login logout profile status dashboard token audit completions serve help" -f -a "import-dotenv" -d 'Create a secret from the nearest .env file'
complete -c keep -n "__fish_keep_using_subcommand help; and not __fish_seen_subcommand_from create list show update edit delete history diff rollback rename copy environment import-dotenv import-env run export login logout profile status dashboard token audit completions serve help" -f -a "import-env" -d 'Create a secret from local environment variables'
complete -c keep -n "__fish_keep_using_subcommand help; and not __fish_seen_subcommand_from create list show update edit delete history diff rollback rename copy environment import-dotenv import-env run export login logout profile status dashboard token audit completions serve help" -f -a "run" -d 'Run a program with secrets\' variables in its environment'
complete -c keep -n "__fish_keep_using_subcommand help; and not __fish_seen_subcommand_from create list show update edit delete history diff rollback rename copy environment import-dotenv import-env run export login logout profile status dashboard token audit completions serve help" -f -a "export" -d 'Print a secret\'s values as a dotenv file, JSON or shell `export` lines'
complete -c keep -n "__fish_keep_using_subcommand help; and not __fish_seen_subcommand_from create list show update edit delete history diff rollback rename copy environment import-dotenv import-env run export login logout profile status dashboard token audit completions serve help" -f -a "login" -d 'Save a server and its token as a profile, after checking the token'
complete -c keep -n "__fish_keep_using_subcommand help; and not __fish_seen_subcommand_from create list show update edit delete history diff rollback rename copy environment import-dotenv import-env run export login logout profile status dashboard token audit completions serve help" -f -a "logout" -d 'Remove a profile and its token from this machine'
complete -c keep -n "__fish_keep_using_subcommand help; and not __fish_seen_subcommand_from create list show update edit delete history diff rollback rename copy environment import-dotenv import-env run export login logout profile status dashboard token audit completions serve help" -f -a "profile" -d 'Manage the profiles `keep login` saved'
complete -c keep -n "__fish_keep_using_subcommand help; and not __fish_seen_subcommand_from create list show update edit delete history diff rollback rename copy environment import-dotenv import-env run export login logout profile status dashboard token audit completions serve help" -f -a "status" -d 'Show where commands go (local store or server), the token and the active profile'
complete -c keep -n "__fish_keep_using_subcommand help; and not __fish_seen_subcommand_from create list show update edit delete history diff rollback rename copy environment import-dotenv import-env run export login logout profile status dashboard token audit completions serve help" -f -a "dashboard" -d 'Browse and edit the local store in a browser'
complete -c keep -n "__fish_keep_using_subcommand help; and not __fish_seen_subcommand_from create list show update edit delete history diff rollback rename copy environment import-dotenv import-env run export login logout profile status dashboard token audit completions serve help" -f -a "token" -d 'Manage the API tokens of a keep server (admin)'
complete -c keep -n "__fish_keep_using_subcommand help; and not __fish_seen_subcommand_from create list show update edit delete history diff rollback rename copy environment import-dotenv import-env run export login logout profile status dashboard token audit completions serve help" -f -a "audit" -d 'Show the server\'s audit log (admin)'
complete -c keep -n "__fish_keep_using_subcommand help; and not __fish_seen_subcommand_from create list show update edit delete history diff rollback rename copy environment import-dotenv import-env run export login logout profile status dashboard token audit completions serve help" -f -a "completions" -d 'Print a shell completion script'
complete -c keep -n "__fish_keep_using_subcommand help; and not __fish_seen_subcommand_from create list show update edit delete history diff rollback rename copy environment import-dotenv import-env run export login logout profile status dashboard token audit completions serve help" -f -a "serve" -d 'Run the keep HTTP server'
complete -c keep -n "__fish_keep_using_subcommand help; and not __fish_seen_subcommand_from create list show update edit delete history diff rollback rename copy environment import-dotenv import-env run export login logout profile status dashboard token audit completions serve help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c keep -n "__fish_keep_using_subcommand help; and __fish_seen_subcommand_from environment" -f -a "list" -d 'List environments, sorted'
complete -c keep -n "__fish_keep_using_subcommand help; and __fish_seen_subcommand_from environment" -f -a "create" -d 'Create an environment'
complete -c keep -n "__fish_keep_using_subcommand help; and __fish_seen_subcommand_from environment" -f -a "delete" -d 'Delete an environment (with its secrets only with --force)'
complete -c keep -n "__fish_keep_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "list" -d 'List profiles: which is active, their servers and token names (never the tokens)'
complete -c keep -n "__fish_keep_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "use" -d 'Make a profile the active one'
complete -c keep -n "__fish_keep_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "remove" -d 'Remove a profile and its token from this machine'
complete -c keep -n "__fish_keep_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "create" -d 'Create a token and print it (once)'
complete -c keep -n "__fish_keep_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "list" -d 'List tokens: names, scopes and states, never the tokens themselves'
complete -c keep -n "__fish_keep_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "revoke" -d 'Revoke a token for good'
complete -c keep -n "__fish_keep_using_subcommand help; and __fish_seen_subcommand_from serve" -f -a "admin-token" -d 'Mint a new admin token offline, from the server\'s data directory (operator)'
complete -c keep -n "__fish_keep_using_subcommand help; and __fish_seen_subcommand_from serve" -f -a "rotate-key" -d 'Rotate the master key of a running server (admin)'
