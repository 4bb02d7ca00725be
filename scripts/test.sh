#!/usr/bin/env bash
# Runs every Parley test, exactly as CI does. Works on a fresh Debian 12 machine with the .NET 10 SDK:
# it installs what the tests need, builds with warnings as errors, checks formatting, runs all test
# projects, and prints one summary line "N passed, N failed, N skipped". Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

# Packages the tests drive for real. PostgreSQL: installed when missing, a throwaway cluster for this run only
# (scripts/test-postgres.sh). Chromium: the browser tests (tests/Parley.Web.Tests) drive Debian's build
# through Playwright, whose own browser download cannot work offline; installed only when missing.
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "scripts/test.sh: /usr/bin/chromium is missing; run as root or: sudo apt-get install -y chromium" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi
# shellcheck source=scripts/test-postgres.sh
source scripts/test-postgres.sh
trap parley_pg_stop EXIT
parley_pg_start

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build Parley.slnx -c Release -warnaserror -nologo -clp:ErrorsOnly
dotnet format Parley.slnx --verify-no-changes --no-restore

log=$(mktemp)
status=0
# One test assembly at a time (-m:1): on a 2-core machine, the browser, PostgreSQL and server tests running
# together starve the timing-sensitive seed-dialect tests (a 40 ms write gap must reach the client as two reads).
dotnet test Parley.slnx -c Release --no-build --nologo -m:1 --blame-hang-timeout 5m 2>&1 | tee "$log" || status=$?

# One line for CI, summed over the test assemblies' "Passed!/Failed! - Failed: F, Passed: P, Skipped: S" lines.
summary=$(grep -E '^(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$log" \
  | sed -E 's/.*Failed: +([0-9]+), Passed: +([0-9]+), Skipped: +([0-9]+).*/\1 \2 \3/' \
  | awk '{f+=$1; p+=$2; s+=$3} END {printf "%d passed, %d failed, %d skipped\n", p, f, s}')
assemblies=$(grep -cE '^(Passed|Failed)! +- ' "$log" || true)
rm -f "$log"
echo "$summary"
if [ "$status" -ne 0 ]; then
  echo "tests failed (dotnet test exit code $status)" >&2
  exit "$status"
fi
if [ "$assemblies" -eq 0 ] || [[ "$summary" == 0\ passed* ]]; then
  echo "no tests ran" >&2
  exit 1
fi
