#!/usr/bin/env bash
# Long property-based fuzzing of every codec, by hand (CI runs the same properties over a fixed corpus).
# Each property samples random inputs for SECONDS on every core (CsCheck) and shrinks a failure to a small
# example that names its seed. Usage: bash scripts/fuzz.sh [SECONDS per property, default 60]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
report=$(mktemp)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 PARLEY_FUZZ_SECONDS="$seconds" PARLEY_FUZZ_REPORT="$report"
dotnet build Parley.slnx -c Release -nologo -clp:ErrorsOnly
status=0
# Parley.Server.Tests holds the real-socket garbage-neighbour runs: a fixed corpus, the same in a long run.
for project in tests/Parley.Protocols.Tests tests/Parley.Client.Tests tests/Parley.Server.Tests; do
  dotnet test "$project" -c Release --no-build --nologo --filter "FullyQualifiedName~.Fuzz." \
    --logger "console;verbosity=normal" || status=$?
done
echo "inputs per property (${seconds} s each, $(nproc) cores):"
sort "$report"
rm -f "$report"
exit "$status"
