#!/usr/bin/env bash
# LiveShop's whole test suite, from a fresh machine: installs what the tests need (Debian's Chromium, ffmpeg,
# PostgreSQL), builds everything with warnings as errors, runs every test project (the server tests twice: on
# SQLite, then on a throwaway PostgreSQL server), and ends with one line:
#   tests: N passed, N failed, N skipped
# Exit code: 0 only when every test ran and passed.
set -uo pipefail

cd "$(dirname "$0")/.."
root=$(pwd)
results="$root/artifacts/test-results"
started=$(date +%s)

say() { printf '\n==> %s\n' "$*"; }

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# 1. What the browser tests need: Chromium from Debian (Playwright never downloads a browser here),
#    and ffmpeg for the live HLS stream. The build also needs Node.js/npm (it bundles the front-end scripts).
if ! command -v chromium >/dev/null 2>&1; then
    say "Installing Chromium from Debian's packages"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium >/dev/null
fi
export LIVESHOP_CHROMIUM="${LIVESHOP_CHROMIUM:-$(command -v chromium)}"

# Node.js and npm bundle the front-end scripts during the build (LiveShop.Client.csproj runs npm ci + esbuild).
if ! command -v npm >/dev/null 2>&1; then
    say "Installing Node.js and npm from Debian's packages"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq nodejs npm >/dev/null
fi

# ffmpeg from Debian makes the live HLS stream of the HLS end-to-end test (HlsSyncTests).
if ! command -v ffmpeg >/dev/null 2>&1; then
    say "Installing ffmpeg from Debian's packages"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq ffmpeg >/dev/null
fi

# Chinese fonts for the browser tests that read and photograph pages in zh-TW and zh-CN (Greek is in DejaVu).
if ! fc-list :lang=zh-tw 2>/dev/null | grep -q .; then
    say "Installing the Noto CJK fonts from Debian's packages"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq fonts-noto-cjk >/dev/null
fi

# PostgreSQL from Debian: the server tests run a second time on it (.ci/postgres.sh starts a throwaway server).
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    say "Installing PostgreSQL from Debian's packages"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql >/dev/null
fi

# Redis and nginx from Debian: the scale-out tests start their own redis-server, and the cluster tests nginx with
# deploy/nginx.conf in front of two server processes, on loopback ports (tests/…/Infrastructure/Cluster.cs).
if ! command -v redis-server >/dev/null 2>&1 || ! command -v nginx >/dev/null 2>&1; then
    say "Installing Redis and nginx from Debian's packages"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq redis-server nginx-light >/dev/null
fi

# 2. Build once, warnings are errors (Directory.Build.props), tests included.
say "Building LiveShop.slnx"
if ! dotnet build LiveShop.slnx -c Debug -nologo -v quiet -clp:ErrorsOnly; then
    echo "The build failed: no test ran."
    echo "tests: 0 passed, 1 failed, 0 skipped"
    exit 1
fi

# 3. Run every test project (the load tool is a console program, not a test project).
rm -rf "$results"
mkdir -p "$results"
crashed=0
# run_tests PROJECT NAME [dotnet test options]: one test project, its results in $results/NAME.trx.
run_tests() {
    local project=$1 name=$2
    shift 2
    say "Running $name"
    if ! dotnet test "$project" -c Debug --no-build -nologo "$@" \
        --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" \
        --results-directory "$results" 2>&1 | grep -E '^\s+(Passed|Failed|Skipped) LiveShop\.|Error Message|^\s{3}[A-Za-z].*Exception|Assert\.|Passed!|Failed!|error'; then
        :
    fi
    local status=${PIPESTATUS[0]}
    if [ ! -f "$results/$name.trx" ]; then
        echo "$name produced no results (exit $status): counted as a failure."
        crashed=$((crashed + 1))
    elif [ "$status" != 0 ] && ! grep -q 'failed="[1-9]' "$results/$name.trx"; then
        echo "$name exited $status without a failed test (crash or abort): counted as a failure."
        crashed=$((crashed + 1))
    fi
}

for project in tests/*/*.csproj; do
    grep -q "Microsoft.NET.Test.Sdk" "$project" || continue
    run_tests "$project" "$(basename "$project" .csproj)"
done

# The integration suite again, on PostgreSQL: a throwaway server on loopback, stopped whatever happens.
# Not the three classes whose subject is not the database (the SQLite pass runs them; two of them run alone, so
# they cost their whole time): the process's managed heap, the telemetry counters, the providers' model mapping;
# nor the cluster tests, which bring a PostgreSQL server of their own.
no_database="FullyQualifiedName!~Hubs.RoomMemoryTests&FullyQualifiedName!~Telemetry.TelemetryTests&FullyQualifiedName!~Data.ProviderMappingTests&FullyQualifiedName!~Realtime.ClusterTests"
# The folder becomes the postgres user's: read and delete it as root.
pg_dir=$(mktemp -d)
trap '.ci/postgres.sh stop "$pg_dir"; as_root rm -rf "$pg_dir"' EXIT
pg_server=""
for attempt in 1 2 3; do
    pg_port=$((55000 + RANDOM % 1000))
    say "Starting PostgreSQL on 127.0.0.1:$pg_port"
    if pg_server=$(.ci/postgres.sh start "$pg_dir" "$pg_port"); then
        break
    fi
    pg_server=""
    .ci/postgres.sh stop "$pg_dir"
    as_root rm -rf "$pg_dir/data"    # a port in use: initdb again on another
done
if [ -n "$pg_server" ]; then
    LIVESHOP_TEST_DATABASE=PostgreSql LIVESHOP_TEST_POSTGRES="$pg_server" \
        run_tests tests/LiveShop.Server.Tests/LiveShop.Server.Tests.csproj LiveShop.Server.Tests.PostgreSql --filter "$no_database"
else
    echo "PostgreSQL did not start (log: $pg_dir/server.log): the PostgreSQL run counts as a failure."
    as_root tail -20 "$pg_dir/server.log" 2>/dev/null
    crashed=$((crashed + 1))
fi

# 4. Sum the TRX counters.
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
    [ -f "$trx" ] || continue
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
    p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
    f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
    e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")
    t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
    x=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0} + ${e:-0}))
    skipped=$((skipped + ${t:-0} - ${x:-0}))
done
failed=$((failed + crashed))

# 5. Name every failed test again, with the first lines of its message, just above the summary
#    (the CI log keeps only its tail).
if [ "$failed" -gt 0 ]; then
    echo
    echo "Failed tests:"
    for trx in "$results"/*.trx; do
        [ -f "$trx" ] || continue
        awk '
            /<UnitTestResult / && /outcome="Failed"/ {
                match($0, /testName="[^"]*"/); name = substr($0, RSTART + 10, RLENGTH - 11); gsub(/&quot;/, "\"", name); inres = 1; lines = 0
                print "  - " name
            }
            inres && /<Message>/ { msg = 1 }
            inres && msg && lines < 8 { line = $0; gsub(/<\/?Message>/, "", line); gsub(/&quot;/, "\"", line); gsub(/&lt;/, "<", line); gsub(/&gt;/, ">", line); gsub(/&amp;/, "\\&", line); print "      " line; lines++ }
            inres && /<\/Message>/ { msg = 0; inres = 0 }
        ' "$trx"
    done
fi

echo
echo "Test results (TRX): $results"
echo "Wall time: $(( $(date +%s) - started )) s"
echo "tests: $passed passed, $failed failed, $skipped skipped"
if [ "$failed" -gt 0 ] || [ "$passed" -eq 0 ]; then
    exit 1
fi
