#!/usr/bin/env bash
# keep's benchmark: builds in release mode, prepares stores of 1k, 100k and 1M secrets, and
# prints one table of ratios against physical floors measured side by side in the same run.
# See bench/README.md. Everything runs on 127.0.0.1; every load loop is bounded in time.
#
#   bench/run.sh                          # default sizes: 1000 100000 1000000
#   SIZES="1000 100000" bench/run.sh      # a quicker run
#
# Knobs (environment): SIZES, ROUNDS (5), RUNS (hyperfine runs per command and round, 30),
# WRK_SECONDS (5), WRK_CONNECTIONS (16), WRK_THREADS (1), CARGO_TARGET_DIR (target),
# PG_SIZES (the sizes also measured on PostgreSQL, among SIZES: "1000 100000"; empty: none),
# PG_REPLICAS (3).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
SIZES="${SIZES:-1000 100000 1000000}"
ROUNDS="${ROUNDS:-5}"
RUNS="${RUNS:-30}"
WRK_SECONDS="${WRK_SECONDS:-5}"
WRK_CONNECTIONS="${WRK_CONNECTIONS:-16}"
WRK_THREADS="${WRK_THREADS:-1}"
PG_SIZES="${PG_SIZES-1000 100000}"
PG_REPLICAS="${PG_REPLICAS:-3}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target}"
STARTED=$SECONDS
LOAD_AT_START="$(cut -d' ' -f1-3 /proc/loadavg)"

log() { printf '[bench %4ds] %s\n' "$((SECONDS - STARTED))" "$*" >&2; }

# Loopback only: no proxy may sit between the clients and the servers, and nothing from the
# caller's keep configuration may leak in.
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY
export NO_PROXY=127.0.0.1,localhost no_proxy=127.0.0.1,localhost
unset KEEP_SERVER KEEP_TOKEN KEEP_HOME KEEP_ENV KEEP_MASTER_KEY KEEP_DATABASE_URL COMPLETE

# The sizes measured on PostgreSQL too: those of SIZES that PG_SIZES names, in SIZES' order.
PGN=""
for n in $SIZES; do
    for m in $PG_SIZES; do [ "$n" != "$m" ] || PGN="${PGN:+$PGN }$n"; done
done
pg_bin() {
    local d
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V); do
        [ -x "$d/initdb" ] && [ -x "$d/postgres" ] && [ -x "$d/pgbench" ] && echo "$d"
    done | tail -n1
}

# --- tools -------------------------------------------------------------------------------
missing=()
command -v hyperfine >/dev/null || missing+=(hyperfine)
command -v wrk >/dev/null || missing+=(wrk)
command -v curl >/dev/null || missing+=(curl) # the dashboard's login
[ -x /usr/bin/time ] || missing+=(time) # the CLI's peak RSS
[ -z "$PGN" ] || [ -n "$(pg_bin)" ] || missing+=(postgresql)
sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
if ((${#missing[@]})); then
    log "installing ${missing[*]}"
    "${sudo[@]}" apt-get update -qq && "${sudo[@]}" apt-get install -y -qq "${missing[@]}"
fi
PGBIN=""
AS_PG=() # PostgreSQL refuses to run as root: then its programs run as `postgres`
if [ -n "$PGN" ]; then
    PGBIN="$(pg_bin)"
    [ -n "$PGBIN" ] || { echo "PostgreSQL (initdb, postgres, pgbench) not found in /usr/lib/postgresql" >&2; exit 1; }
    # Debian starts a cluster of its own when it installs the package; it is not used here.
    if command -v pg_ctlcluster >/dev/null; then
        for c in $(pg_lsclusters -h 2>/dev/null | awk '$4 == "online" { print $1 "/" $2 }'); do
            log "stopping Debian's PostgreSQL cluster $c"
            "${sudo[@]}" pg_ctlcluster "${c%/*}" "${c#*/}" stop || true
        done
    fi
    if [ "$(id -u)" -eq 0 ]; then
        AS_PG=(setpriv --reuid=postgres --regid=postgres --init-groups)
        # The cluster gets SIGINT (fast shutdown) if this script dies without its trap.
        ! setpriv --help 2>&1 | grep -q pdeathsig || AS_PG+=(--pdeathsig INT)
        AS_PG+=(--)
    fi
fi

# --- build -------------------------------------------------------------------------------
log "building (release) in $CARGO_TARGET_DIR"
cargo build --release --examples --bin keep
TARGET="$(cd "$CARGO_TARGET_DIR" && pwd)"
REL="$TARGET/release"
KEEP="$REL/keep"
EX="$REL/examples"

WORK="$TARGET/bench-run"
rm -rf "$WORK"
mkdir -p "$WORK"
RAW="$WORK/raw.tsv" # metric <TAB> value, one line per round
: >"$RAW"

PIDS=()
PG_PIDS=()
PG_SOCK=""
# Drops a process that has ended from the lists the trap stops, so that its id, if reused,
# is never signalled.
forget() {
    local p rest=()
    for p in "${PIDS[@]}"; do [ "$p" = "$1" ] || rest+=("$p"); done
    PIDS=("${rest[@]}")
    rest=()
    for p in "${PG_PIDS[@]}"; do [ "$p" = "$1" ] || rest+=("$p"); done
    PG_PIDS=("${rest[@]}")
}
# PostgreSQL's fast shutdown (SIGINT), waited for at most 30 s, then its immediate one.
pg_stop() {
    local i
    forget "$1"
    kill -INT "$1" 2>/dev/null || return 0
    for i in $(seq 300); do
        kill -0 "$1" 2>/dev/null || break
        sleep 0.1
    done
    kill -QUIT "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
}
cleanup() {
    local p
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${PG_PIDS[@]}"; do pg_stop "$p"; done
    [ -z "$PG_SOCK" ] || rm -rf "$PG_SOCK"
}
trap cleanup EXIT

# --- prepared stores, cached by size and by what shapes them ----------------------------
STORES="$TARGET/bench-stores"
STORE_KEY="$(cat migrations/sqlite/*.sql src/crypto/*.rs src/service/seals.rs examples/bench_prepare.rs |
    sha256sum | cut -c1-12)"
store_for() { echo "$STORES/$1-$STORE_KEY"; }
for n in $SIZES; do
    dir="$(store_for "$n")"
    if [ -f "$dir/.complete" ]; then
        log "store of $n secrets: cached in $dir"
        continue
    fi
    log "preparing a store of $n secrets"
    rm -rf "$STORES/$n-"* # stale stores of this size, made for another schema or preparer
    mkdir -p "$STORES"
    "$EX/bench_prepare" "$dir.tmp" "$n"
    touch "$dir.tmp/.complete"
    mv "$dir.tmp" "$dir"
done
# The largest size again, with a history: 1% of the secrets (every 100th, among them the one
# `show` reads) have 20 versions each. `keep show` reads only the current row, so it should not
# notice (the row "with history vs without").
HSIZE="$(awk '{ print $NF }' <<<"$SIZES")"
hstore_for() { echo "$STORES/$1-history-$STORE_KEY"; }
if [ -f "$(hstore_for "$HSIZE")/.complete" ]; then
    log "store of $HSIZE secrets with history: cached"
else
    log "preparing a store of $HSIZE secrets, 1% of them with 20 versions"
    dir="$(hstore_for "$HSIZE")"
    rm -rf "$STORES/$HSIZE-history-"*
    mkdir -p "$STORES"
    BENCH_HISTORY=1:20 "$EX/bench_prepare" "$dir.tmp" "$HSIZE"
    touch "$dir.tmp/.complete"
    mv "$dir.tmp" "$dir"
fi

# --- PostgreSQL: a throwaway cluster, as the tests start one --------------------------------
# Started on DATA with its socket in PG_SOCK (no TCP); sets PG_PID. Bounded: 120 s to start.
pg_start() {
    local data="$1" log="$2" i
    "${AS_PG[@]}" "$PGBIN/postgres" -D "$data" -k "$PG_SOCK" -c listen_addresses= \
        -c max_connections=300 -c fsync=on </dev/null >/dev/null 2>>"$log" &
    PG_PID=$!
    PG_PIDS+=("$PG_PID")
    for i in $(seq 1200); do
        "$PGBIN/pg_isready" -q -h "$PG_SOCK" -U postgres -d postgres && return 0
        kill -0 "$PG_PID" 2>/dev/null || break
        sleep 0.1
    done
    tail -n 20 "$log" >&2
    echo "PostgreSQL did not start on $data" >&2
    exit 1
}
pg_url() { echo "postgres://postgres@localhost/$1?host=$PG_SOCK"; }
psql_do() {
    PGOPTIONS="-c client_min_messages=warning" \
        "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCK" -U postgres -d "$1" -c "$2" >/dev/null
}

# One cached cluster holds a database of each size prepared so far (keep_N, with the master
# key of its data directory in home-N/), keyed by what shapes it as the SQLite stores are.
PG_CACHE=""
if [ -n "$PGN" ]; then
    PG_KEY="$(cat migrations/postgres/*.sql src/crypto/*.rs src/service/seals.rs \
        examples/bench_prepare.rs <("$PGBIN/postgres" --version) | sha256sum | cut -c1-12)"
    PG_CACHE="$STORES/pg-$PG_KEY"
    PG_SOCK="$(mktemp -d /tmp/keep-bench-pg.XXXXXX)" # short, and reachable by `postgres`
    if ((${#AS_PG[@]})); then
        chown postgres: "$PG_SOCK"
        "${AS_PG[@]}" test -x "$TARGET" || {
            echo "the postgres user cannot reach $TARGET: set CARGO_TARGET_DIR to a directory it can" >&2
            exit 1
        }
    fi
    need=()
    for n in $PGN; do [ -f "$PG_CACHE/.complete-$n" ] || need+=("$n"); done
    if ((${#need[@]})); then
        for d in "$STORES"/pg-*; do [ "$d" = "$PG_CACHE" ] || rm -rf "$d"; done
        mkdir -p "$PG_CACHE"
        ((${#AS_PG[@]} == 0)) || chown postgres: "$PG_CACHE"
        if [ ! -f "$PG_CACHE/data/PG_VERSION" ]; then
            rm -rf "$PG_CACHE/data"
            "${AS_PG[@]}" "$PGBIN/initdb" --auth=trust --username=postgres --encoding=UTF8 \
                -D "$PG_CACHE/data" >"$PG_CACHE/initdb.log"
        fi
        pg_start "$PG_CACHE/data" "$PG_CACHE/postgres.log"
        for n in "${need[@]}"; do
            log "preparing a PostgreSQL store of $n secrets"
            psql_do postgres "DROP DATABASE IF EXISTS keep_$n"
            psql_do postgres "CREATE DATABASE keep_$n"
            rm -rf "$PG_CACHE/home-$n"
            "$EX/bench_prepare" "$PG_CACHE/home-$n" "$n" "$(pg_url "keep_$n")"
            psql_do "keep_$n" "VACUUM ANALYZE" # as a database in use for a while would be
            touch "$PG_CACHE/.complete-$n"
        done
        pg_stop "$PG_PID" # a clean shutdown: the copies start without recovery
    else
        log "PostgreSQL stores of $PGN secrets: cached in $PG_CACHE"
    fi
fi

# --- helpers -------------------------------------------------------------------------------
record() { printf '%s\t%s\n' "$1" "$2" >>"$RAW"; }

# The median over rounds of one metric ("nan" if it was never measured).
med() {
    awk -F'\t' -v k="$1" '$1 == k { print $2 }' "$RAW" | sort -g |
        awk '{ a[NR] = $1 } END {
            if (NR == 0) print "nan"; else if (NR % 2) print a[(NR + 1) / 2];
            else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

# hyperfine over NAME CMD pairs; records each command's median time in ms under NAME.
hf() {
    local csv="$WORK/hf-$RANDOM$RANDOM.csv" args=()
    while (($#)); do
        args+=(-n "$1" "$2")
        shift 2
    done
    if ! hyperfine -N --style none --warmup 3 --runs "$RUNS" --export-csv "$csv" "${args[@]}" \
        >/dev/null 2>>"$WORK/hyperfine.log"; then
        tail -n 5 "$WORK/hyperfine.log" >&2
        exit 1
    fi
    awk -F, 'NR > 1 { printf "%s\t%.6f\n", $1, $4 * 1000 }' "$csv" >>"$RAW"
}

# wrk for WRK_SECONDS against URL; records <name>.rps, <name>.p50 and <name>.p99 (ms).
# LOAD_THREADS and LOAD_CONNECTIONS override WRK_THREADS and WRK_CONNECTIONS.
load() {
    local name="$1" url="$2" out
    shift 2
    out="$WORK/wrk-$name-$RANDOM.txt"
    wrk -t"${LOAD_THREADS:-$WRK_THREADS}" -c"${LOAD_CONNECTIONS:-$WRK_CONNECTIONS}" -d"${WRK_SECONDS}s" \
        --timeout 10s --latency "$@" "$url" >"$out"
    awk -v n="$name" '
        function ms(v) {
            if (v ~ /us$/) return v * 0.001; if (v ~ /ms$/) return v + 0;
            if (v ~ /m$/) return v * 60000; if (v ~ /s$/) return v * 1000; return v }
        $1 == "50.000%" || $1 == "50%" { printf "%s.p50\t%.4f\n", n, ms($2) }
        $1 == "99.000%" || $1 == "99%" { printf "%s.p99\t%.4f\n", n, ms($2) }
        $1 == "Requests/sec:" { printf "%s.rps\t%s\n", n, $2 }
        /Non-2xx or 3xx responses:/ { printf "%s.non2xx\t%s\n", n, $NF }
        /Socket errors:/ { printf "%s.sockerr\t1\n", n }' "$out" >>"$RAW"
    if grep -qE 'Non-2xx|Socket errors' "$out"; then
        log "warning: $name had errors: $(grep -E 'Non-2xx|Socket errors' "$out" | tr -s ' ')"
    fi
}

# Logs in to the dashboard of the server at $1 with token $2; prints the session cookie's value.
ui_session() {
    curl -s -o /dev/null -D - --data-urlencode "token=$2" "$1/ui/login" |
        sed -n 's/^[Ss]et-[Cc]ookie: __Host-keep_session=\([^;]*\);.*/\1/p'
}

# Starts a server in the background and sets SERVER_URL and SERVER_PID.
start_server() {
    local errlog="$1" i
    shift
    "$@" 2>"$errlog" >/dev/null </dev/null &
    SERVER_PID=$!
    PIDS+=("$SERVER_PID")
    for i in $(seq 300); do
        SERVER_URL="$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$errlog" | head -n1)"
        [ -n "$SERVER_URL" ] && return 0
        kill -0 "$SERVER_PID" 2>/dev/null || break
        sleep 0.1
    done
    cat "$errlog" >&2
    echo "server did not start: $*" >&2
    exit 1
}

stop_server() {
    forget "$1"
    kill "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
}

peak_rss_mib() { awk '/^VmHWM:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }

# The peak RSS (MiB) of a command run to its end, by /usr/bin/time.
cmd_rss_mib() {
    /usr/bin/time -f %M -o "$WORK/time.out" "$@" >/dev/null 2>&1 </dev/null
    tail -n1 "$WORK/time.out" | awk '{ printf "%.1f", $1 / 1024 }'
}

# wrk's script. BENCH_ADDRS="HOST:PORT ...": thread i connects to the i-th address (round
# robin), so that one wrk loads several replicas with no proxy in between. BENCH_CREATE set:
# POSTs secrets with names unique per round (BENCH_PREFIX) and thread; the token comes from
# -H. Neither: wrk's own fixed request, as with no script.
cat >"$WORK/bench.lua" <<'LUA'
local threads = {}
local addrs = nil
function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
  local list = os.getenv("BENCH_ADDRS") or ""
  if list ~= "" then
    if not addrs then
      addrs = {}
      for host, port in string.gmatch(list, "([^%s]+):(%d+)") do
        table.insert(addrs, wrk.lookup(host, port)[1])
      end
    end
    thread.addr = addrs[(#threads - 1) % #addrs + 1]
  end
end
if os.getenv("BENCH_CREATE") then
  local counter = 0
  local prefix = "w"
  function init(args)
    prefix = (os.getenv("BENCH_PREFIX") or "w") .. "-" .. tostring(tid or 0)
    wrk.method = "POST"
    wrk.headers["Content-Type"] = "application/json"
  end
  function request()
    counter = counter + 1
    local body = string.format('{"name":"%s-%d","values":{"API_KEY":"sk_live_0123456789abcdef0123",'
      .. '"DATABASE_URL":"postgres://app:pw@db.internal:5432/app"}}', prefix, counter)
    return wrk.format(nil, nil, nil, body)
  end
end
LUA
# The PostgreSQL floor: single-row commits, a row about the size of a sealed secret.
cat >"$WORK/pg-floor.sql" <<'SQL'
INSERT INTO floor (at, v) VALUES ((extract(epoch FROM clock_timestamp()) * 1000000)::bigint, decode(repeat('5a', 200), 'hex'));
SQL

# --- measurements -----------------------------------------------------------------------
# Every round goes through every size, so that sizes are compared side by side too, not only
# keep with its floors.
declare -A STORE NAME URL PID TOKEN
for n in $SIZES; do
    STORE[$n]="$WORK/store-$n"
    cp -a --reflink=auto "$(store_for "$n")" "${STORE[$n]}"
    rm -f "${STORE[$n]}/.complete"
    NAME[$n]="$(printf 's%07d' "$((n / 2))")"
done
HSTORE="$WORK/store-$HSIZE-history"
cp -a --reflink=auto "$(hstore_for "$HSIZE")" "$HSTORE"
rm -f "$HSTORE/.complete"
# `show` reads a secret with 20 versions (n/2 is a multiple of 100 for the usual sizes).
HNAME="$(printf 's%07d' "$(((HSIZE / 2) / 100 * 100))")"

log "local commands ($ROUNDS rounds)"
for r in $(seq "$ROUNDS"); do
    cmds=(cli.true "true" cli.version "$KEEP --version"
        cli.show_history "$KEEP --home $HSTORE show $HNAME"
        cli.show_no_history "$KEEP --home ${STORE[$HSIZE]} show $HNAME")
    for n in $SIZES; do
        cmds+=("cli.show.$n" "$KEEP --home ${STORE[$n]} show ${NAME[$n]}"
            "cli.list.$n" "$KEEP --home ${STORE[$n]} list"
            "cli.reveal.$n" "$KEEP --home ${STORE[$n]} show ${NAME[$n]} --reveal"
            "cli.run.$n" "$KEEP --home ${STORE[$n]} run ${NAME[$n]} -- true")
    done
    hf "${cmds[@]}"
    record cli.rss.true "$(cmd_rss_mib true)"
    for n in $SIZES; do
        record "cli.rss.show.$n" "$(cmd_rss_mib "$KEEP" --home "${STORE[$n]}" show "${NAME[$n]}")"
        record "cli.rss.list.$n" "$(cmd_rss_mib "$KEEP" --home "${STORE[$n]}" list)"
    done
done

log "servers: bench_hello, and keep serve on each store"
start_server "$WORK/hello.log" "$EX/bench_hello" 127.0.0.1:0
HELLO_URL="$SERVER_URL"
HELLO_PID="$SERVER_PID"
for n in $SIZES; do
    start_server "$WORK/serve-$n.log" "$KEEP" serve --listen 127.0.0.1:0 --data-dir "${STORE[$n]}"
    URL[$n]="$SERVER_URL/v1/environments/main/secrets"
    PID[$n]="$SERVER_PID"
    TOKEN[$n]="$(tr -d '[:space:]' <"${STORE[$n]}/admin.token")"
done

# PostgreSQL: a copy of the cached cluster, and PG_REPLICAS replicas of keep serve on each
# size's database, each with its own data directory holding a copy of the store's master key.
# The first replica to start makes the admin token; the others find it in the database.
declare -A PG_URL PG_ADDRS PG_TOKEN PG_RPIDS
PG_RUN_PID=""
if [ -n "$PGN" ]; then
    log "PostgreSQL: a copy of the cached cluster, and $PG_REPLICAS replicas of keep serve per size"
    cp -a --reflink=auto "$PG_CACHE/data" "$WORK/pg-data"
    rm -f "$WORK/pg-data/postmaster.pid" "$WORK/pg-data/postmaster.opts"
    pg_start "$WORK/pg-data" "$WORK/postgres.log"
    PG_RUN_PID="$PG_PID"
    psql_do postgres "CREATE DATABASE bench_floor"
    for n in $PGN; do
        db_url="$(pg_url "keep_$n")"
        addrs=() pids=()
        for r in $(seq "$PG_REPLICAS"); do
            d="$WORK/pg-serve-$n-$r"
            mkdir -m 700 "$d"
            cp "$PG_CACHE/home-$n/master.key" "$d/"
            KEEP_DATABASE_URL="$db_url" start_server "$d.log" "$KEEP" serve --listen 127.0.0.1:0 --data-dir "$d"
            addrs+=("${SERVER_URL#http://}")
            pids+=("$SERVER_PID")
            if [ "$r" = 1 ]; then
                PG_URL[$n]="$SERVER_URL/v1/environments/main/secrets"
                PG_TOKEN[$n]="$(tr -d '[:space:]' <"$d/admin.token")"
            fi
        done
        PG_ADDRS[$n]="${addrs[*]}"
        PG_RPIDS[$n]="${pids[*]}"
    done
fi
# wrk for the replicas: a thread per replica, WRK_CONNECTIONS shared out evenly among them
# (rounded down to a multiple of PG_REPLICAS); hello is loaded the same way for their ratios.
PG_CONNECTIONS=$((WRK_CONNECTIONS / PG_REPLICAS * PG_REPLICAS))
((PG_CONNECTIONS >= PG_REPLICAS)) || PG_CONNECTIONS=$PG_REPLICAS
load_replicas() { LOAD_THREADS="$PG_REPLICAS" LOAD_CONNECTIONS="$PG_CONNECTIONS" load "$@"; }

log "remote commands vs one GET from a fresh process ($ROUNDS rounds)"
for r in $(seq "$ROUNDS"); do
    for n in $SIZES; do
        KEEP_TOKEN="${TOKEN[$n]}" hf "http.floor_show.$n" "$EX/bench_http_get ${URL[$n]}/${NAME[$n]}" \
            "http.show.$n" "$KEEP --server ${URL[$n]%/v1/*} show ${NAME[$n]}" \
            "http.floor_list.$n" "$EX/bench_http_get ${URL[$n]}?limit=100" \
            "http.list.$n" "$KEEP --server ${URL[$n]%/v1/*} list"
    done
done

log "server load and the durable-write floor, ${WRK_SECONDS}s per measurement ($ROUNDS rounds)"
for r in $(seq "$ROUNDS"); do
    for n in $SIZES; do
        auth=(-H "Authorization: Bearer ${TOKEN[$n]}")
        load "srv.hello.$n" "$HELLO_URL/v1/health"
        load "srv.get.$n" "${URL[$n]}/${NAME[$n]}" "${auth[@]}"
        load "srv.list.$n" "${URL[$n]}?limit=100" "${auth[@]}"
        # The dashboard's list page (HTML, 50 secrets) against the JSON list of as many, on a
        # session logged in for this round.
        load "srv.list50.$n" "${URL[$n]}?limit=50" "${auth[@]}"
        load "srv.ui_list.$n" "${URL[$n]%/v1/*}/ui/env/main" -H "Cookie: __Host-keep_session=$(ui_session "${URL[$n]%/v1/*}" "${TOKEN[$n]}")"
        BENCH_CREATE=1 BENCH_PREFIX="r$r" load "srv.create.$n" "${URL[$n]}" "${auth[@]}" -s "$WORK/bench.lua"
    done
    floor="$("$EX/bench_sqlite_floor" "$WORK/floor" 100000000 1 "$WRK_SECONDS")"
    record floor.tps "$(sed -n 's/.*tps=\([0-9.]*\).*/\1/p' <<<"$floor")"
    rm -rf "$WORK/floor"
    [ -n "$PGN" ] || continue
    # PostgreSQL: one replica (the same wrk as above; its hello is srv.hello.N), then all of
    # them behind one wrk, a thread each (hello loaded the same way); then the commit floor.
    for n in $PGN; do
        auth=(-H "Authorization: Bearer ${PG_TOKEN[$n]}")
        load "pg1.get.$n" "${PG_URL[$n]}/${NAME[$n]}" "${auth[@]}"
        load "pg1.list.$n" "${PG_URL[$n]}?limit=100" "${auth[@]}"
        BENCH_CREATE=1 BENCH_PREFIX="p1r$r" load "pg1.create.$n" "${PG_URL[$n]}" "${auth[@]}" -s "$WORK/bench.lua"
        addrs="${PG_ADDRS[$n]}"
        BENCH_ADDRS="$addrs" load_replicas "pgN.get.$n" "${PG_URL[$n]}/${NAME[$n]}" "${auth[@]}" -s "$WORK/bench.lua"
        BENCH_ADDRS="$addrs" load_replicas "pgN.list.$n" "${PG_URL[$n]}?limit=100" "${auth[@]}" -s "$WORK/bench.lua"
        BENCH_ADDRS="$addrs" BENCH_CREATE=1 BENCH_PREFIX="pNr$r" \
            load_replicas "pgN.create.$n" "${PG_URL[$n]}" "${auth[@]}" -s "$WORK/bench.lua"
    done
    load_replicas "pgN.hello" "$HELLO_URL/v1/health"
    psql_do bench_floor "DROP TABLE IF EXISTS floor; CREATE TABLE floor (id bigserial PRIMARY KEY, at bigint NOT NULL, v bytea NOT NULL)"
    floor="$("$PGBIN/pgbench" -n -c 1 -j 1 -T "$WRK_SECONDS" -f "$WORK/pg-floor.sql" -h "$PG_SOCK" -U postgres bench_floor 2>>"$WORK/pgbench.log")"
    record pgfloor.tps "$(awk '$1 == "tps" && $2 == "=" { print $3; exit }' <<<"$floor")"
done
for n in $SIZES; do
    record "rss.keep.$n" "$(peak_rss_mib "${PID[$n]}")"
    stop_server "${PID[$n]}"
    rm -rf "${STORE[$n]}"
done
for n in $PGN; do
    r=0
    for p in ${PG_RPIDS[$n]}; do
        r=$((r + 1))
        record "rss.pg.$n.$r" "$(peak_rss_mib "$p")"
        stop_server "$p"
        rm -rf "$WORK/pg-serve-$n-$r"
    done
done
if [ -n "$PG_RUN_PID" ]; then
    pg_stop "$PG_RUN_PID"
    rm -rf "$WORK/pg-data"
fi
record rss.hello "$(peak_rss_mib "$HELLO_PID")"
stop_server "$HELLO_PID"

# --- the table ------------------------------------------------------------------------------
SMALL="$(awk '{ print $1 }' <<<"$SIZES")"
LARGE="$(awk '{ print $NF }' <<<"$SIZES")"
human() { awk -v n="$1" 'BEGIN { if (n >= 1e6 && n % 1e6 == 0) printf "%dM", n / 1e6;
    else if (n >= 1e3 && n % 1e3 == 0) printf "%dk", n / 1e3; else printf "%d", n }'; }

# row LABEL SIZE KEEP FLOOR UNIT OP TARGET: ratio KEEP/FLOOR, PASS when it is OP TARGET.
row() {
    local label="$1" size="$2" k="$3" f="$4" unit="$5" op="$6" target="$7"
    awk -v l="$label" -v s="$size" -v k="$k" -v f="$f" -v u="$unit" -v op="$op" -v t="$target" '
        function num(v) { return v ~ /^[0-9.eE+-]+$/ }
        function fmt(v) { if (!num(v)) return "-"; if (u == "ms") return sprintf("%.2f ms", v);
            if (u == "req/s") return sprintf("%.0f/s", v); if (u == "tx/s") return sprintf("%.0f/s", v);
            if (u == "MiB") return sprintf("%.1f MiB", v); return v }
        BEGIN {
            r = (num(k) && num(f) && f > 0) ? k / f : -1
            verdict = "-"
            if (r >= 0 && op == "<=") verdict = (r <= t) ? "PASS" : "MISS"
            if (r >= 0 && op == ">=") verdict = (r >= t) ? "PASS" : "MISS"
            printf "%-40s %5s %12s %12s %8s %8s  %s\n", l, s, fmt(k), fmt(f),
                (r >= 0 ? sprintf("%.2fx", r) : "-"), (op == "" ? "" : op " " t "x"), verdict
        }'
}

TABLE="$WORK/table.txt"
{
    echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)," \
        "$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM, kernel $(uname -r)"
    src="$(df --output=source "$TARGET" | tail -n1)"
    dev="$(lsblk -no PKNAME "$src" 2>/dev/null | head -n1)"
    [ -n "$dev" ] || dev="$(basename "$src")"
    model="$(lsblk -dno MODEL "/dev/$dev" 2>/dev/null | xargs)"
    echo "disk: $src, $(df --output=fstype "$TARGET" | tail -n1)," \
        "rotational=$(cat "/sys/block/$dev/queue/rotational" 2>/dev/null || echo '?')${model:+, $model};" \
        "load average at start: $LOAD_AT_START, at end: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "keep $("$KEEP" --version | awk '{ print $2 }') at $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- src 2>/dev/null || echo '+dirty');" \
        "medians of $ROUNDS interleaved rounds; hyperfine $RUNS runs/command/round;" \
        "wrk -t$WRK_THREADS -c$WRK_CONNECTIONS -d${WRK_SECONDS}s"
    [ -z "$PGN" ] || echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{ print $3 }') (throwaway cluster, Unix socket," \
        "defaults but fsync=on); PG x$PG_REPLICAS: $PG_REPLICAS replicas of keep serve, wrk -t$PG_REPLICAS -c$PG_CONNECTIONS," \
        "a thread per replica; PG floor: pgbench -n -c1 -T${WRK_SECONDS}, one INSERT per transaction"
    echo
    printf "%-40s %5s %12s %12s %8s %8s  %s\n" "measure" "size" "keep" "floor" "ratio" "target" "result"
    printf '%.0s-' {1..100}
    echo
    row "keep --version vs true" "-" "$(med cli.version)" "$(med cli.true)" ms "<=" 1.5
    for n in $SIZES; do
        s="$(human "$n")"
        row "local keep show vs true" "$s" "$(med "cli.show.$n")" "$(med cli.true)" ms "<=" 2.5
        row "local keep list vs true" "$s" "$(med "cli.list.$n")" "$(med cli.true)" ms "<=" 2.5
        row "local keep show --reveal vs true" "$s" "$(med "cli.reveal.$n")" "$(med cli.true)" ms "<=" 3
    done
    for n in $SIZES; do
        row "local keep run NAME -- true vs true" "$(human "$n")" "$(med "cli.run.$n")" "$(med cli.true)" ms "<=" 3
    done
    for n in $SIZES; do
        s="$(human "$n")"
        row "  (info) CLI peak RSS: keep show vs true" "$s" "$(med "cli.rss.show.$n")" "$(med cli.rss.true)" MiB "" ""
        row "  (info) CLI peak RSS: keep list vs true" "$s" "$(med "cli.rss.list.$n")" "$(med cli.rss.true)" MiB "" ""
    done
    row "local keep show, 1% with 20 versions vs none" "$(human "$HSIZE")" "$(med cli.show_history)" \
        "$(med cli.show_no_history)" ms "<=" 1.1
    if [ "$SMALL" != "$LARGE" ]; then
        l="$(human "$LARGE")" s="$(human "$SMALL")"
        row "local keep show, $l vs $s" "$l" "$(med "cli.show.$LARGE")" "$(med "cli.show.$SMALL")" ms "<=" 1.1
        row "local keep list, $l vs $s" "$l" "$(med "cli.list.$LARGE")" "$(med "cli.list.$SMALL")" ms "<=" 1.1
    fi
    for n in $SIZES; do
        s="$(human "$n")"
        row "remote keep show vs one GET" "$s" "$(med "http.show.$n")" "$(med "http.floor_show.$n")" ms "<=" 1.5
        row "remote keep list vs one GET" "$s" "$(med "http.list.$n")" "$(med "http.floor_list.$n")" ms "<=" 1.5
    done
    for n in $SIZES; do
        s="$(human "$n")"
        row "server GET secret req/s vs hello" "$s" "$(med "srv.get.$n.rps")" "$(med "srv.hello.$n.rps")" req/s ">=" 0.5
        row "  p50 vs hello p50" "$s" "$(med "srv.get.$n.p50")" "$(med "srv.hello.$n.p50")" ms "" ""
        row "  p99 vs hello p99" "$s" "$(med "srv.get.$n.p99")" "$(med "srv.hello.$n.p99")" ms "<=" 3
        row "server list page req/s vs hello" "$s" "$(med "srv.list.$n.rps")" "$(med "srv.hello.$n.rps")" req/s ">=" 0.25
        row "  p50 vs hello p50" "$s" "$(med "srv.list.$n.p50")" "$(med "srv.hello.$n.p50")" ms "" ""
        row "  p99 vs hello p99" "$s" "$(med "srv.list.$n.p99")" "$(med "srv.hello.$n.p99")" ms "" ""
        row "dashboard list page (HTML) req/s vs JSON" "$s" "$(med "srv.ui_list.$n.rps")" "$(med "srv.list50.$n.rps")" req/s ">=" 0.5
        row "  p99 vs JSON list p99" "$s" "$(med "srv.ui_list.$n.p99")" "$(med "srv.list50.$n.p99")" ms "" ""
        row "server create (durable) vs SQLite floor" "$s" "$(med "srv.create.$n.rps")" "$(med floor.tps)" tx/s ">=" 1
        row "  same, aim: group commit" "$s" "$(med "srv.create.$n.rps")" "$(med floor.tps)" tx/s ">=" 2
        row "  create p50 vs hello p50" "$s" "$(med "srv.create.$n.p50")" "$(med "srv.hello.$n.p50")" ms "" ""
        row "  create p99 vs hello p99" "$s" "$(med "srv.create.$n.p99")" "$(med "srv.hello.$n.p99")" ms "<=" 5
    done
    if [ "$SMALL" != "$LARGE" ]; then
        l="$(human "$LARGE")" s="$(human "$SMALL")"
        row "server GET secret req/s, $l vs $s" "$l" "$(med "srv.get.$LARGE.rps")" "$(med "srv.get.$SMALL.rps")" req/s ">=" 0.8
    fi
    for n in $PGN; do
        s="$(human "$n")"
        for k in 1 N; do
            if [ "$k" = 1 ]; then
                what="PG x1" hello="srv.hello.$n"
            else
                what="PG x$PG_REPLICAS" hello="pgN.hello"
            fi
            row "$what GET req/s vs hello (aim)" "$s" "$(med "pg$k.get.$n.rps")" "$(med "$hello.rps")" req/s ">=" 0.25
            row "  p50 vs hello p50" "$s" "$(med "pg$k.get.$n.p50")" "$(med "$hello.p50")" ms "" ""
            row "  p99 vs hello p99" "$s" "$(med "pg$k.get.$n.p99")" "$(med "$hello.p99")" ms "" ""
            row "$what list page req/s vs hello" "$s" "$(med "pg$k.list.$n.rps")" "$(med "$hello.rps")" req/s "" ""
            row "  p99 vs hello p99" "$s" "$(med "pg$k.list.$n.p99")" "$(med "$hello.p99")" ms "" ""
            row "$what create vs PG commit floor" "$s" "$(med "pg$k.create.$n.rps")" "$(med pgfloor.tps)" tx/s "" ""
            row "  create p50 vs hello p50" "$s" "$(med "pg$k.create.$n.p50")" "$(med "$hello.p50")" ms "" ""
            row "  create p99 vs hello p99" "$s" "$(med "pg$k.create.$n.p99")" "$(med "$hello.p99")" ms "" ""
        done
    done
    for n in $SIZES; do
        row "server peak RSS vs hello's" "$(human "$n")" "$(med "rss.keep.$n")" "$(med rss.hello)" MiB "" ""
    done
    if [ "$SMALL" != "$LARGE" ]; then
        l="$(human "$LARGE")" s="$(human "$SMALL")"
        row "server peak RSS, $l vs $s (flat)" "$l" "$(med "rss.keep.$LARGE")" "$(med "rss.keep.$SMALL")" MiB "<=" 1.25
    fi
    for n in $PGN; do
        row "  (info) PG replica 1 peak RSS vs hello's" "$(human "$n")" "$(med "rss.pg.$n.1")" "$(med rss.hello)" MiB "" ""
    done
    errors="$(awk -F'\t' '$1 ~ /\.(non2xx|sockerr)$/ { print $1 }' "$RAW" | sort -u | xargs)"
    [ -z "$errors" ] || echo "warning: HTTP errors during load in: $errors (see $WORK/wrk-*.txt)"
    echo
    echo "keep and floor are medians; ratio = keep / floor. Took $((SECONDS - STARTED)) s."
} | tee "$TABLE"
log "table saved to $TABLE; raw figures in $RAW"
