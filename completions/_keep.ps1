
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'keep' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'keep'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'keep' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Use the `keep serve` at URL instead of the profile''s server or the local store')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the saved profile NAME instead of the active one')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the server''s answer [default: the profile''s, else 10]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Directory of the local store [default: ~/.local/share/keep]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a secret from KEY=VALUE pairs and files')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List secrets, newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a secret''s details and keys')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Add, change or remove variables of an existing secret')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Edit a secret''s values in your editor, saved as one update')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a secret (irreversible)')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'List a secret''s versions: when, who, which keys changed (never values)')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'Compare two versions of a secret: keys added, changed and removed')
            [CompletionResult]::new('rollback', 'rollback', [CompletionResultType]::ParameterValue, 'Make the values of an earlier version the current ones (as a new version)')
            [CompletionResult]::new('rename', 'rename', [CompletionResultType]::ParameterValue, 'Rename a secret (its id and history stay)')
            [CompletionResult]::new('copy', 'copy', [CompletionResultType]::ParameterValue, 'Copy a secret to another environment or name')
            [CompletionResult]::new('environment', 'environment', [CompletionResultType]::ParameterValue, 'Manage environments: list, create, delete')
            [CompletionResult]::new('env', 'env', [CompletionResultType]::ParameterValue, 'Manage environments: list, create, delete')
            [CompletionResult]::new('import-dotenv', 'import-dotenv', [CompletionResultType]::ParameterValue, 'Create a secret from the nearest .env file')
            [CompletionResult]::new('import-env', 'import-env', [CompletionResultType]::ParameterValue, 'Create a secret from local environment variables')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run a program with secrets'' variables in its environment')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Print a secret''s values as a dotenv file, JSON or shell `export` lines')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Save a server and its token as a profile, after checking the token')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Remove a profile and its token from this machine')
            [CompletionResult]::new('profile', 'profile', [CompletionResultType]::ParameterValue, 'Manage the profiles `keep login` saved')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show where commands go (local store or server), the token and the active profile')
            [CompletionResult]::new('dashboard', 'dashboard', [CompletionResultType]::ParameterValue, 'Browse and edit the local store in a browser')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Manage the API tokens of a keep server (admin)')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Show the server''s audit log (admin)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Run the keep HTTP server')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'keep;create' {
            [CompletionResult]::new('--from-file', '--from-file', [CompletionResultType]::ParameterName, 'Read KEY''s value from the file at PATH, byte for byte (repeatable); `-` is stdin')
            [CompletionResult]::new('--from-dotenv', '--from-dotenv', [CompletionResultType]::ParameterName, 'Read variables from a dotenv file (python-dotenv syntax); `-` is stdin')
            [CompletionResult]::new('--from-json', '--from-json', [CompletionResultType]::ParameterName, 'Read variables from a JSON object of strings; `-` is stdin')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Use the `keep serve` at URL instead of the profile''s server or the local store')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the saved profile NAME instead of the active one')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the server''s answer [default: the profile''s, else 10]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Directory of the local store [default: ~/.local/share/keep]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--allow-existing', '--allow-existing', [CompletionResultType]::ParameterName, 'If the secret exists, keep its values and succeed')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'If the secret exists, replace its values')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keep;list' {
            [CompletionResult]::new('--max', '--max', [CompletionResultType]::ParameterName, 'Show at most N secrets')
            [CompletionResult]::new('--created-before', '--created-before', [CompletionResultType]::ParameterName, 'Only secrets created before DATE')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Use the `keep serve` at URL instead of the profile''s server or the local store')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the saved profile NAME instead of the active one')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the server''s answer [default: the profile''s, else 10]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Directory of the local store [default: ~/.local/share/keep]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Show every secret, however many')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keep;show' {
            [CompletionResult]::new('--require', '--require', [CompletionResultType]::ParameterName, 'Fail unless the secret has KEY (repeatable)')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Show version N of the secret instead of the current one (see `keep history`)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Use the `keep serve` at URL instead of the profile''s server or the local store')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the saved profile NAME instead of the active one')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the server''s answer [default: the profile''s, else 10]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Directory of the local store [default: ~/.local/share/keep]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--reveal', '--reveal', [CompletionResultType]::ParameterName, 'Print the values instead of masking them')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'keep;update' {
            [CompletionResult]::new('--from-file', '--from-file', [CompletionResultType]::ParameterName, 'Read KEY''s value from the file at PATH, byte for byte (repeatable); `-` is stdin')
            [CompletionResult]::new('--from-dotenv', '--from-dotenv', [CompletionResultType]::ParameterName, 'Read variables from a dotenv file (python-dotenv syntax); `-` is stdin')
            [CompletionResult]::new('--from-json', '--from-json', [CompletionResultType]::ParameterName, 'Read variables from a JSON object of strings; `-` is stdin')
            [CompletionResult]::new('--unset', '--unset', [CompletionResultType]::ParameterName, 'Remove KEY from the secret (repeatable)')
            [CompletionResult]::new('--if-version', '--if-version', [CompletionResultType]::ParameterName, 'Update only if the secret is still at version N (from `keep show NAME --json`); otherwise fail with exit code 4 (`version_conflict`), naming the current version')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Use the `keep serve` at URL instead of the profile''s server or the local store')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the saved profile NAME instead of the active one')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the server''s answer [default: the profile''s, else 10]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Directory of the local store [default: ~/.local/share/keep]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keep;edit' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Use the `keep serve` at URL instead of the profile''s server or the local store')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the saved profile NAME instead of the active one')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the server''s answer [default: the profile''s, else 10]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Directory of the local store [default: ~/.local/share/keep]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keep;delete' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Use the `keep serve` at URL instead of the profile''s server or the local store')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the saved profile NAME instead of the active one')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the server''s answer [default: the profile''s, else 10]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Directory of the local store [default: ~/.local/share/keep]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--allow-missing', '--allow-missing', [CompletionResultType]::ParameterName, 'Succeed if the secret does not exist')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keep;history' {
            [CompletionResult]::new('--max', '--max', [CompletionResultType]::ParameterName, 'Show at most N versions, the newest')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Use the `keep serve` at URL instead of the profile''s server or the local store')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the saved profile NAME instead of the active one')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the server''s answer [default: the profile''s, else 10]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Directory of the local store [default: ~/.local/share/keep]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keep;diff' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Use the `keep serve` at URL instead of the profile''s server or the local store')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the saved profile NAME instead of the active one')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the server''s answer [default: the profile''s, else 10]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Directory of the local store [default: ~/.local/share/keep]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--reveal', '--reveal', [CompletionResultType]::ParameterName, 'Show the values of the keys that differ')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keep;rollback' {
            [CompletionResult]::new('--if-version', '--if-version', [CompletionResultType]::ParameterName, 'Roll back only if the secret is still at version M')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Use the `keep serve` at URL instead of the profile''s server or the local store')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the saved profile NAME instead of the active one')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the server''s answer [default: the profile''s, else 10]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Directory of the local store [default: ~/.local/share/keep]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'keep;rename' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Use the `keep serve` at URL instead of the profile''s server or the local store')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the saved profile NAME instead of the active one')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the server''s answer [default: the profile''s, else 10]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Directory of the local store [default: ~/.local/share/keep]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keep;copy' {
            [CompletionResult]::new('--to-env', '--to-env', [CompletionResultType]::ParameterName, 'The environment to copy to [default: the secret''s own, with --as]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'The copy''s name [default: the same name]')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Use the `keep serve` at URL instead of the profile''s server or the local store')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the saved profile NAME instead of the active one')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the server''s answer [default: the profile''s, else 10]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Directory of the local store [default: ~/.local/share/keep]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace the values of a secret of that name in the target environment')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keep;environment' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Use the `keep serve` at URL instead of the profile''s server or the local store')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the saved profile NAME instead of the active one')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the server''s answer [default: the profile''s, else 10]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Directory of the local store [default: ~/.local/share/keep]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List environments, sorted')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create an environment')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete an environment (with its secrets only with --force)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'keep;env' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Use the `keep serve` at URL instead of the profile''s server or the local store')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the saved profile NAME instead of the active one')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the server''s answer [default: the profile''s, else 10]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Directory of the local store [default: ~/.local/share/keep]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List environments, sorted')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create an environment')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete an environment (with its secrets only with --force)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'keep;environment;list' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Use the `keep serve` at URL instead of the profile''s server or the local store')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the saved profile NAME instead of the active one')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the server''s answer [default: the profile''s, else 10]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Directory of the local store [default: ~/.local/share/keep]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keep;env;list' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Use the `keep serve` at URL instead of the profile''s server or the local store')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the saved profile NAME instead of the active one')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the server''s answer [default: the profile''s, else 10]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Directory of the local store [default: ~/.local/share/keep]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keep;environment;create' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Use the `keep serve` at URL instead of the profile''s server or the local store')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the saved profile NAME instead of the active one')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the server''s answer [default: the profile''s, else 10]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Directory of the local store [default: ~/.local/share/keep]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keep;env;create' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Use the `keep serve` at URL instead of the profile''s server or the local store')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the saved profile NAME instead of the active one')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the server''s answer [default: the profile''s, else 10]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Directory of the local store [default: ~/.local/share/keep]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keep;environment;delete' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Use the `keep serve` at URL instead of the profile''s server or the local store')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the saved profile NAME instead of the active one')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the server''s answer [default: the profile''s, else 10]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Directory of the local store [default: ~/.local/share/keep]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Delete it even if it holds secrets, and them with it (irreversible)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keep;env;delete' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Use the `keep serve` at URL instead of the profile''s server or the local store')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the saved profile NAME instead of the active one')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the server''s answer [default: the profile''s, else 10]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Directory of the local store [default: ~/.local/share/keep]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Delete it even if it holds secrets, and them with it (irreversible)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keep;environment;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List environments, sorted')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create an environment')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete an environment (with its secrets only with --force)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'keep;environment;help;list' {
            break
        }
        'keep;environment;help;create' {
            break
        }
        'keep;environment;help;delete' {
            break
        }
        'keep;environment;help;help' {
            break
        }
        'keep;env;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List environments, sorted')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create an environment')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete an environment (with its secrets only with --force)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'keep;env;help;list' {
            break
        }
        'keep;env;help;create' {
            break
        }
        'keep;env;help;delete' {
            break
        }
        'keep;env;help;help' {
            break
        }
        'keep;import-dotenv' {
            [CompletionResult]::new('--filename', '--filename', [CompletionResultType]::ParameterName, 'Name of the file to look for')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Use the `keep serve` at URL instead of the profile''s server or the local store')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the saved profile NAME instead of the active one')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the server''s answer [default: the profile''s, else 10]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Directory of the local store [default: ~/.local/share/keep]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--allow-existing', '--allow-existing', [CompletionResultType]::ParameterName, 'If the secret exists, keep its values and succeed')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'If the secret exists, replace its values')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keep;import-env' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Use the `keep serve` at URL instead of the profile''s server or the local store')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the saved profile NAME instead of the active one')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the server''s answer [default: the profile''s, else 10]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Directory of the local store [default: ~/.local/share/keep]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--allow-existing', '--allow-existing', [CompletionResultType]::ParameterName, 'If the secret exists, keep its values and succeed')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'If the secret exists, replace its values')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keep;run' {
            [CompletionResult]::new('--require', '--require', [CompletionResultType]::ParameterName, 'Fail before starting anything unless some secret has KEY (repeatable)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Use the `keep serve` at URL instead of the profile''s server or the local store')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the saved profile NAME instead of the active one')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the server''s answer [default: the profile''s, else 10]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Directory of the local store [default: ~/.local/share/keep]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--no-inherit-env', '--no-inherit-env', [CompletionResultType]::ParameterName, 'Start from an empty environment plus PATH, instead of the current one')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keep;export' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: dotenv; json with --json]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write to PATH (mode 0600, replaced atomically) instead of stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write to PATH (mode 0600, replaced atomically) instead of stdout')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Export version N of the secret instead of the current one (see `keep history`)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Use the `keep serve` at URL instead of the profile''s server or the local store')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the saved profile NAME instead of the active one')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the server''s answer [default: the profile''s, else 10]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Directory of the local store [default: ~/.local/share/keep]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--reveal', '--reveal', [CompletionResultType]::ParameterName, 'Print the values on a terminal without asking')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'keep;login' {
            [CompletionResult]::new('--fingerprint', '--fingerprint', [CompletionResultType]::ParameterName, 'Trust the certificate with this SHA-256 fingerprint in the server''s chain (as `keep serve --tls-self-signed` prints it) instead of --ca-cert')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Use the `keep serve` at URL instead of the profile''s server or the local store')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the saved profile NAME instead of the active one')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the server''s answer [default: the profile''s, else 10]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Directory of the local store [default: ~/.local/share/keep]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keep;logout' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Use the `keep serve` at URL instead of the profile''s server or the local store')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the saved profile NAME instead of the active one')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the server''s answer [default: the profile''s, else 10]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Directory of the local store [default: ~/.local/share/keep]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keep;profile' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Use the `keep serve` at URL instead of the profile''s server or the local store')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the saved profile NAME instead of the active one')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the server''s answer [default: the profile''s, else 10]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Directory of the local store [default: ~/.local/share/keep]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List profiles: which is active, their servers and token names (never the tokens)')
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Make a profile the active one')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a profile and its token from this machine')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'keep;profile;list' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Use the `keep serve` at URL instead of the profile''s server or the local store')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the saved profile NAME instead of the active one')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the server''s answer [default: the profile''s, else 10]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Directory of the local store [default: ~/.local/share/keep]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keep;profile;use' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Use the `keep serve` at URL instead of the profile''s server or the local store')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the saved profile NAME instead of the active one')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the server''s answer [default: the profile''s, else 10]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Directory of the local store [default: ~/.local/share/keep]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keep;profile;remove' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Use the `keep serve` at URL instead of the profile''s server or the local store')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the saved profile NAME instead of the active one')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the server''s answer [default: the profile''s, else 10]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Directory of the local store [default: ~/.local/share/keep]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keep;profile;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List profiles: which is active, their servers and token names (never the tokens)')
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Make a profile the active one')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a profile and its token from this machine')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'keep;profile;help;list' {
            break
        }
        'keep;profile;help;use' {
            break
        }
        'keep;profile;help;remove' {
            break
        }
        'keep;profile;help;help' {
            break
        }
        'keep;status' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Use the `keep serve` at URL instead of the profile''s server or the local store')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the saved profile NAME instead of the active one')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the server''s answer [default: the profile''s, else 10]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Directory of the local store [default: ~/.local/share/keep]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keep;dashboard' {
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port to listen on [default: a free one]')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Use the `keep serve` at URL instead of the profile''s server or the local store')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the saved profile NAME instead of the active one')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the server''s answer [default: the profile''s, else 10]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Directory of the local store [default: ~/.local/share/keep]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--open', '--open', [CompletionResultType]::ParameterName, 'Open the link in the default browser')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keep;token' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Use the `keep serve` at URL instead of the profile''s server or the local store')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the saved profile NAME instead of the active one')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the server''s answer [default: the profile''s, else 10]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Directory of the local store [default: ~/.local/share/keep]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a token and print it (once)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List tokens: names, scopes and states, never the tokens themselves')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a token for good')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'keep;token;create' {
            [CompletionResult]::new('--expires-in', '--expires-in', [CompletionResultType]::ParameterName, 'Expire after SPAN (such as 30d, 12h, 2w) [default: never]')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Use the `keep serve` at URL instead of the profile''s server or the local store')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the saved profile NAME instead of the active one')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the server''s answer [default: the profile''s, else 10]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Directory of the local store [default: ~/.local/share/keep]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--read-only', '--read-only', [CompletionResultType]::ParameterName, 'Only read secrets: no create, update or delete')
            [CompletionResult]::new('--admin', '--admin', [CompletionResultType]::ParameterName, 'An admin token: manages tokens, reads the audit log, rotates keys')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keep;token;list' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Use the `keep serve` at URL instead of the profile''s server or the local store')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the saved profile NAME instead of the active one')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the server''s answer [default: the profile''s, else 10]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Directory of the local store [default: ~/.local/share/keep]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keep;token;revoke' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Use the `keep serve` at URL instead of the profile''s server or the local store')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the saved profile NAME instead of the active one')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the server''s answer [default: the profile''s, else 10]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Directory of the local store [default: ~/.local/share/keep]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keep;token;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a token and print it (once)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List tokens: names, scopes and states, never the tokens themselves')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a token for good')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'keep;token;help;create' {
            break
        }
        'keep;token;help;list' {
            break
        }
        'keep;token;help;revoke' {
            break
        }
        'keep;token;help;help' {
            break
        }
        'keep;audit' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only records at or after DATE (a day, an RFC 3339 time, or a span back: 7d, 12h)')
            [CompletionResult]::new('--max', '--max', [CompletionResultType]::ParameterName, 'Show at most N records')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Use the `keep serve` at URL instead of the profile''s server or the local store')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the saved profile NAME instead of the active one')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the server''s answer [default: the profile''s, else 10]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Directory of the local store [default: ~/.local/share/keep]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Show every record, however many')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keep;completions' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Use the `keep serve` at URL instead of the profile''s server or the local store')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the saved profile NAME instead of the active one')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the server''s answer [default: the profile''s, else 10]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Directory of the local store [default: ~/.local/share/keep]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keep;serve' {
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Address to listen on, HOST:PORT (port 0 picks a free port)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Data directory [default: ~/.local/share/keep/server]')
            [CompletionResult]::new('--database', '--database', [CompletionResultType]::ParameterName, 'Database: `postgres://...` for several replicas, or `sqlite://PATH` [default: DIR/keep.db]')
            [CompletionResult]::new('--auth-failure-limit', '--auth-failure-limit', [CompletionResultType]::ParameterName, 'Failed authentications a client address may make per minute before it is refused with 429 for the rest of that minute (0: no limit)')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Serve HTTPS with this PEM certificate chain (leaf first); needs --tls-key')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'The PEM private key of --tls-cert')
            [CompletionResult]::new('--tls-name', '--tls-name', [CompletionResultType]::ParameterName, 'A name (or IP address) the --tls-self-signed certificate is for (repeatable) [default: this host''s name, localhost and the listen address]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Seconds a request may take, body included, before it gets 408')
            [CompletionResult]::new('--max-versions', '--max-versions', [CompletionResultType]::ParameterName, 'Versions kept of each secret, the newest; the write that passes the limit deletes the oldest (0: keep every version)')
            [CompletionResult]::new('--session-idle', '--session-idle', [CompletionResultType]::ParameterName, 'How long a dashboard session lasts unused, such as `15m` or `90s`')
            [CompletionResult]::new('--session-max', '--session-max', [CompletionResultType]::ParameterName, 'How long a dashboard session lasts at most, used or not, such as `8h`')
            [CompletionResult]::new('--reveal-for', '--reveal-for', [CompletionResultType]::ParameterName, 'How long the dashboard shows revealed values before masking them again')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Use the `keep serve` at URL instead of the profile''s server or the local store')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the saved profile NAME instead of the active one')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the server''s answer [default: the profile''s, else 10]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Directory of the local store [default: ~/.local/share/keep]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--tls-self-signed', '--tls-self-signed', [CompletionResultType]::ParameterName, 'Serve HTTPS with a certificate signed by a private CA of this server''s own, made on first start in DIR/tls')
            [CompletionResult]::new('--insecure-http', '--insecure-http', [CompletionResultType]::ParameterName, 'Allow plain HTTP on a non-loopback address: tokens and values cross the network in clear')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('admin-token', 'admin-token', [CompletionResultType]::ParameterValue, 'Mint a new admin token offline, from the server''s data directory (operator)')
            [CompletionResult]::new('rotate-key', 'rotate-key', [CompletionResultType]::ParameterValue, 'Rotate the master key of a running server (admin)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'keep;serve;admin-token' {
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Data directory [default: ~/.local/share/keep/server]')
            [CompletionResult]::new('--database', '--database', [CompletionResultType]::ParameterName, 'Database: `postgres://...` for several replicas, or `sqlite://PATH` [default: DIR/keep.db]')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the new token [default: admin-YYYYMMDD-HHMMSS]')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Use the `keep serve` at URL instead of the profile''s server or the local store')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the saved profile NAME instead of the active one')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the server''s answer [default: the profile''s, else 10]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Directory of the local store [default: ~/.local/share/keep]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keep;serve;rotate-key' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Use the `keep serve` at URL instead of the profile''s server or the local store')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the saved profile NAME instead of the active one')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file for an `https://` server, besides the system''s')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the server''s answer [default: the profile''s, else 10]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment the secrets live in [default: the profile''s, else main]; `keep token create` takes it several times, for a token limited to those environments')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Directory of the local store [default: ~/.local/share/keep]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Return once the new key is in use, without waiting for the rewrap')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only report which keys wrap how many secrets')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages, only data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'keep;serve;help' {
            [CompletionResult]::new('admin-token', 'admin-token', [CompletionResultType]::ParameterValue, 'Mint a new admin token offline, from the server''s data directory (operator)')
            [CompletionResult]::new('rotate-key', 'rotate-key', [CompletionResultType]::ParameterValue, 'Rotate the master key of a running server (admin)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'keep;serve;help;admin-token' {
            break
        }
        'keep;serve;help;rotate-key' {
            break
        }
        'keep;serve;help;help' {
            break
        }
        'keep;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a secret from KEY=VALUE pairs and files')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List secrets, newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a secret''s details and keys')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Add, change or remove variables of an existing secret')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Edit a secret''s values in your editor, saved as one update')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a secret (irreversible)')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'List a secret''s versions: when, who, which keys changed (never values)')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'Compare two versions of a secret: keys added, changed and removed')
            [CompletionResult]::new('rollback', 'rollback', [CompletionResultType]::ParameterValue, 'Make the values of an earlier version the current ones (as a new version)')
            [CompletionResult]::new('rename', 'rename', [CompletionResultType]::ParameterValue, 'Rename a secret (its id and history stay)')
            [CompletionResult]::new('copy', 'copy', [CompletionResultType]::ParameterValue, 'Copy a secret to another environment or name')
            [CompletionResult]::new('environment', 'environment', [CompletionResultType]::ParameterValue, 'Manage environments: list, create, delete')
            [CompletionResult]::new('import-dotenv', 'import-dotenv', [CompletionResultType]::ParameterValue, 'Create a secret from the nearest .env file')
            [CompletionResult]::new('import-env', 'import-env', [CompletionResultType]::ParameterValue, 'Create a secret from local environment variables')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run a program with secrets'' variables in its environment')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Print a secret''s values as a dotenv file, JSON or shell `export` lines')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Save a server and its token as a profile, after checking the token')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Remove a profile and its token from this machine')
            [CompletionResult]::new('profile', 'profile', [CompletionResultType]::ParameterValue, 'Manage the profiles `keep login` saved')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show where commands go (local store or server), the token and the active profile')
            [CompletionResult]::new('dashboard', 'dashboard', [CompletionResultType]::ParameterValue, 'Browse and edit the local store in a browser')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Manage the API tokens of a keep server (admin)')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Show the server''s audit log (admin)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Run the keep HTTP server')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'keep;help;create' {
            break
        }
        'keep;help;list' {
            break
        }
        'keep;help;show' {
            break
        }
        'keep;help;update' {
            break
        }
        'keep;help;edit' {
            break
        }
        'keep;help;delete' {
            break
        }
        'keep;help;history' {
            break
        }
        'keep;help;diff' {
            break
        }
        'keep;help;rollback' {
            break
        }
        'keep;help;rename' {
            break
        }
        'keep;help;copy' {
            break
        }
        'keep;help;environment' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List environments, sorted')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create an environment')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete an environment (with its secrets only with --force)')
            break
        }
        'keep;help;environment;list' {
            break
        }
        'keep;help;environment;create' {
            break
        }
        'keep;help;environment;delete' {
            break
        }
        'keep;help;import-dotenv' {
            break
        }
        'keep;help;import-env' {
            break
        }
        'keep;help;run' {
            break
        }
        'keep;help;export' {
            break
        }
        'keep;help;login' {
            break
        }
        'keep;help;logout' {
            break
        }
        'keep;help;profile' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List profiles: which is active, their servers and token names (never the tokens)')
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Make a profile the active one')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a profile and its token from this machine')
            break
        }
        'keep;help;profile;list' {
            break
        }
        'keep;help;profile;use' {
            break
        }
        'keep;help;profile;remove' {
            break
        }
        'keep;help;status' {
            break
        }
        'keep;help;dashboard' {
            break
        }
        'keep;help;token' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a token and print it (once)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List tokens: names, scopes and states, never the tokens themselves')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a token for good')
            break
        }
        'keep;help;token;create' {
            break
        }
        'keep;help;token;list' {
            break
        }
        'keep;help;token;revoke' {
            break
        }
        'keep;help;audit' {
            break
        }
        'keep;help;completions' {
            break
        }
        'keep;help;serve' {
            [CompletionResult]::new('admin-token', 'admin-token', [CompletionResultType]::ParameterValue, 'Mint a new admin token offline, from the server''s data directory (operator)')
            [CompletionResult]::new('rotate-key', 'rotate-key', [CompletionResultType]::ParameterValue, 'Rotate the master key of a running server (admin)')
            break
        }
        'keep;help;serve;admin-token' {
            break
        }
        'keep;help;serve;rotate-key' {
            break
        }
        'keep;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
