#!/usr/bin/env bash
# Writes tests/fixtures/v0-local and tests/fixtures/v0-server: an embedded store and a
# `keep serve` data directory (SQLite) as the release before row seals wrote them. The tests
# in tests/cli/legacy.rs open them with the current build.
#
# Usage: scripts/make_legacy_fixtures.sh OLD_KEEP_BINARY
# (the fixtures in the repository were made by the build of commit 427ad44)
set -euo pipefail
old=${1:?usage: $0 OLD_KEEP_BINARY}
out=$(cd "$(dirname "$0")/.." && pwd)/tests/fixtures
rm -rf "$out/v0-local" "$out/v0-server"
mkdir -p "$out"
export USER=fixture
unset KEEP_SERVER KEEP_TOKEN KEEP_ENV

# The embedded store: two environments, a secret updated once, one read (last_used_at).
export KEEP_HOME="$out/v0-local"
"$old" create app A=1 B=two
"$old" update app C=3
"$old" create other X=y -e staging
"$old" show app --reveal >/dev/null

# A server on SQLite: secrets, a token limited to staging, a revoked token, audit records.
data="$out/v0-server"
port=$((20000 + RANDOM % 20000))
"$old" serve --listen "127.0.0.1:$port" --data-dir "$data" 2>/dev/null &
server=$!
for _ in $(seq 100); do [ -s "$data/admin.token" ] && break; sleep 0.1; done
sleep 0.5
export KEEP_SERVER="http://127.0.0.1:$port" KEEP_TOKEN
KEEP_TOKEN=$(cat "$data/admin.token")
"$old" create app A=1 B=two
"$old" update app C=3
"$old" create other X=y -e staging
"$old" token create ci -e staging --json | python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])' > "$data/ci.token"
"$old" token create old >/dev/null
"$old" token revoke old >/dev/null
"$old" show app --reveal >/dev/null
kill -INT "$server"
wait "$server" || true
ls -la "$out/v0-local" "$data"
