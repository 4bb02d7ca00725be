#!/usr/bin/env bash
# Coverage-guided fuzzing of the frame readers with SharpFuzz and afl++, by hand (see fuzz/README.md).
#
#   bash scripts/sharpfuzz.sh [--minutes M] [--targets "irc json json-server text"] [--out DIR]
#
# Installs Debian's afl++ and the SharpFuzz command-line tool (SharpFuzz.CommandLine 2.3.0) when missing, builds
# fuzz/Parley.Fuzz (Release) into DIR/build, instruments its copy of Parley.Protocols.dll, then runs afl-fuzz for
# M minutes (default 5) per target, seeded from tests/Parley.Protocols.Tests/Fuzz/Corpus/TARGET. Prints each
# target's afl++ figures (execs, paths, crashes, hangs); findings stay under DIR/TARGET (queue/, crashes/).
# Copy the interesting inputs into the CI corpus with: bash scripts/sharpfuzz.sh --harvest DIR
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

minutes=5
targets="irc json json-server text"
out=""
harvest=""
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) minutes=$2; shift 2 ;;
    --targets) targets=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --harvest) harvest=$2; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "sharpfuzz.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
corpus="$repo/tests/Parley.Protocols.Tests/Fuzz/Corpus"

# --harvest: afl++'s queue entries that found new coverage (+cov) and every crash join the CI corpus, named by
# content hash so that a second harvest adds nothing twice. Inputs over 16 KiB are left out (the repository
# keeps the corpus small); the long-line properties cover those sizes.
if [ -n "$harvest" ]; then
  for dir in "$harvest"/*/; do
    [ -d "${dir}default" ] || continue # build/, tool/, seeds-*/: not afl++ output
    target=$(basename "$dir")
    mkdir -p "$corpus/$target"
    for file in "$dir"default/queue/id:*+cov* "$dir"default/crashes/id:*; do
      [ -f "$file" ] || continue
      [ "$(stat -c %s "$file")" -le 16384 ] || continue
      cp "$file" "$corpus/$target/$(sha1sum "$file" | cut -c1-16).bin"
    done
    echo "$target: $(ls "$corpus/$target" | wc -l) inputs in the corpus"
  done
  exit 0
fi

out=${out:-/tmp/parley-sharpfuzz-$(date -u +%Y%m%d-%H%M%S)}
mkdir -p "$out"
out=$(cd "$out" && pwd)

if ! command -v afl-fuzz >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq afl++ >/dev/null
fi
tool="$out/tool/sharpfuzz"
if [ ! -x "$tool" ]; then
  dotnet tool install --tool-path "$out/tool" SharpFuzz.CommandLine --version 2.3.0 >/dev/null
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet publish fuzz/Parley.Fuzz -c Release -nologo -clp:ErrorsOnly -o "$out/build" >/dev/null
"$tool" "$out/build/Parley.Protocols.dll"

# afl++ checks for a native instrumented binary and a core pattern; a .NET program is neither.
export AFL_SKIP_BIN_CHECK=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1
for target in $targets; do
  seeds="$out/seeds-$target"
  mkdir -p "$seeds"
  cp "$corpus/$target"/* "$seeds"/ 2>/dev/null || true
  [ -n "$(ls -A "$seeds")" ] || printf 'PING x\r\n' >"$seeds/first"
  echo "afl-fuzz $target for $minutes min" >&2
  timeout --signal=INT "$((minutes * 60 + 30))" \
    afl-fuzz -i "$seeds" -o "$out/$target" -t 5000 -m none -V "$((minutes * 60))" -- \
    "$out/build/Parley.Fuzz" "$target" >"$out/$target.log" 2>&1 || true
  stats="$out/$target/default/fuzzer_stats"
  if [ -f "$stats" ]; then
    awk -v t="$target" -F' *: ' '/^(execs_done|execs_per_sec|corpus_count|saved_crashes|saved_hangs|run_time|bitmap_cvg)/ { v[$1] = $2 }
      END { printf "%s: %s execs in %s s (%s/s), corpus %s, coverage %s, crashes %s, hangs %s\n", t, v["execs_done"], v["run_time"], v["execs_per_sec"], v["corpus_count"], v["bitmap_cvg"], v["saved_crashes"], v["saved_hangs"] }' "$stats"
  else
    echo "$target: afl-fuzz did not start; see $out/$target.log" >&2
    tail -n 20 "$out/$target.log" >&2
  fi
done
echo "findings in $out; harvest with: bash scripts/sharpfuzz.sh --harvest $out"
