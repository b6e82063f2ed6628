#!/usr/bin/env bash
# keep's benchmark: builds in release mode, prepares stores of 1k, 100k and 1M secrets, and
# prints one table of ratios against physical floors measured side by side in the same run.
# See bench/README.md. Everything runs on 127.0.0.1; every load loop is bounded in time.
#
#   bench/run.sh                          # default sizes: 1000 100000 1000000
#   SIZES="1000 100000" bench/run.sh      # a quicker run
#
# Knobs (environment): SIZES, ROUNDS (5), RUNS (hyperfine runs per command and round, 30),
# WRK_SECONDS (5), WRK_CONNECTIONS (16), WRK_THREADS (1), CARGO_TARGET_DIR (target).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
SIZES="${SIZES:-1000 100000 1000000}"
ROUNDS="${ROUNDS:-5}"
RUNS="${RUNS:-30}"
WRK_SECONDS="${WRK_SECONDS:-5}"
WRK_CONNECTIONS="${WRK_CONNECTIONS:-16}"
WRK_THREADS="${WRK_THREADS:-1}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target}"
STARTED=$SECONDS
LOAD_AT_START="$(cut -d' ' -f1-3 /proc/loadavg)"

log() { printf '[bench %4ds] %s\n' "$((SECONDS - STARTED))" "$*" >&2; }

# Loopback only: no proxy may sit between the clients and the servers, and nothing from the
# caller's keep configuration may leak in.
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY
export NO_PROXY=127.0.0.1,localhost no_proxy=127.0.0.1,localhost
unset KEEP_SERVER KEEP_TOKEN KEEP_HOME KEEP_ENV KEEP_MASTER_KEY COMPLETE

# --- tools -------------------------------------------------------------------------------
missing=()
command -v hyperfine >/dev/null || missing+=(hyperfine)
command -v wrk >/dev/null || missing+=(wrk)
if ((${#missing[@]})); then
    log "installing ${missing[*]}"
    sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    "${sudo[@]}" apt-get update -qq && "${sudo[@]}" apt-get install -y -qq "${missing[@]}"
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
cleanup() {
    local p
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
}
trap cleanup EXIT

# --- prepared stores, cached by size and by what shapes them ----------------------------
STORES="$TARGET/bench-stores"
STORE_KEY="$(cat migrations/sqlite/*.sql src/crypto/*.rs examples/bench_prepare.rs | sha256sum | cut -c1-12)"
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
load() {
    local name="$1" url="$2" out
    shift 2
    out="$WORK/wrk-$name-$RANDOM.txt"
    wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"${WRK_SECONDS}s" --timeout 10s --latency "$@" "$url" >"$out"
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
    kill "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
}

peak_rss_mib() { awk '/^VmHWM:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }

# POSTs secrets with names unique per round (BENCH_PREFIX) and thread; the token comes from -H.
cat >"$WORK/create.lua" <<'LUA'
local counter = 0
local prefix = "w"
local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end
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
LUA

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

log "local commands ($ROUNDS rounds)"
for r in $(seq "$ROUNDS"); do
    cmds=(cli.true "true" cli.version "$KEEP --version")
    for n in $SIZES; do
        cmds+=("cli.show.$n" "$KEEP --home ${STORE[$n]} show ${NAME[$n]}"
            "cli.list.$n" "$KEEP --home ${STORE[$n]} list"
            "cli.run.$n" "$KEEP --home ${STORE[$n]} run ${NAME[$n]} -- true")
    done
    hf "${cmds[@]}"
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
        BENCH_PREFIX="r$r" load "srv.create.$n" "${URL[$n]}" "${auth[@]}" -s "$WORK/create.lua"
    done
    floor="$("$EX/bench_sqlite_floor" "$WORK/floor" 100000000 1 "$WRK_SECONDS")"
    record floor.tps "$(sed -n 's/.*tps=\([0-9.]*\).*/\1/p' <<<"$floor")"
    rm -rf "$WORK/floor"
done
for n in $SIZES; do
    record "rss.keep.$n" "$(peak_rss_mib "${PID[$n]}")"
    stop_server "${PID[$n]}"
    rm -rf "${STORE[$n]}"
done
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
    echo
    printf "%-40s %5s %12s %12s %8s %8s  %s\n" "measure" "size" "keep" "floor" "ratio" "target" "result"
    printf '%.0s-' {1..100}
    echo
    row "keep --version vs true" "-" "$(med cli.version)" "$(med cli.true)" ms "<=" 2
    for n in $SIZES; do
        s="$(human "$n")"
        row "local keep show vs true" "$s" "$(med "cli.show.$n")" "$(med cli.true)" ms "<=" 3
        row "local keep list vs true" "$s" "$(med "cli.list.$n")" "$(med cli.true)" ms "<=" 3
    done
    for n in $SIZES; do
        row "  (info) local keep run NAME -- true" "$(human "$n")" "$(med "cli.run.$n")" "$(med cli.true)" ms "" ""
    done
    if [ "$SMALL" != "$LARGE" ]; then
        l="$(human "$LARGE")" s="$(human "$SMALL")"
        row "local keep show, $l vs $s" "$l" "$(med "cli.show.$LARGE")" "$(med "cli.show.$SMALL")" ms "<=" 1.2
        row "local keep list, $l vs $s" "$l" "$(med "cli.list.$LARGE")" "$(med "cli.list.$SMALL")" ms "<=" 1.2
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
        row "server create (durable) vs SQLite floor" "$s" "$(med "srv.create.$n.rps")" "$(med floor.tps)" tx/s ">=" 1
        row "  same, aim: group commit" "$s" "$(med "srv.create.$n.rps")" "$(med floor.tps)" tx/s ">=" 2
        row "  create p50 vs hello p50" "$s" "$(med "srv.create.$n.p50")" "$(med "srv.hello.$n.p50")" ms "" ""
        row "  create p99 vs hello p99" "$s" "$(med "srv.create.$n.p99")" "$(med "srv.hello.$n.p99")" ms "" ""
    done
    if [ "$SMALL" != "$LARGE" ]; then
        l="$(human "$LARGE")" s="$(human "$SMALL")"
        row "server GET secret req/s, $l vs $s" "$l" "$(med "srv.get.$LARGE.rps")" "$(med "srv.get.$SMALL.rps")" req/s ">=" 0.8
    fi
    for n in $SIZES; do
        row "server peak RSS vs hello's" "$(human "$n")" "$(med "rss.keep.$n")" "$(med rss.hello)" MiB "" ""
    done
    if [ "$SMALL" != "$LARGE" ]; then
        l="$(human "$LARGE")" s="$(human "$SMALL")"
        row "server peak RSS, $l vs $s (flat)" "$l" "$(med "rss.keep.$LARGE")" "$(med "rss.keep.$SMALL")" MiB "<=" 1.25
    fi
    errors="$(awk -F'\t' '$1 ~ /\.(non2xx|sockerr)$/ { print $1 }' "$RAW" | sort -u | xargs)"
    [ -z "$errors" ] || echo "warning: HTTP errors during load in: $errors (see $WORK/wrk-*.txt)"
    echo
    echo "keep and floor are medians; ratio = keep / floor. Took $((SECONDS - STARTED)) s."
} | tee "$TABLE"
log "table saved to $TABLE; raw figures in $RAW"
