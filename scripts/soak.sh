#!/usr/bin/env bash
# Soak test, by hand (not CI): does the server's memory, descriptor and thread use stay flat under hours of load?
#
#   bash scripts/soak.sh [--minutes M] [--sample S] [--out DIR] [--no-history] [--flood-rate R]
#
# Starts a Release `parley server` (every port picked free; flood and per-address limits lifted as in
# bench/compare.sh; history on in a temporary SQLite file unless --no-history), then for M minutes (default 60):
#   - `parley bench` at the s2 load: 500 JSON clients in #general, 20 of them sending 20 msg/s each;
#   - scripts/soak_clients.py: a client joining and leaving every 0.5 s (text, JSON and IRC in turn; some quit,
#     some drop, every tenth sends garbage), and one flooder (R msg/s, default 200, in #flood with one reader).
# Every S seconds (default 60) it samples the server's VmRSS, open descriptors and threads from /proc into
# DIR/samples.csv (DIR defaults to bench/results/soak-DATE), and at the end prints the bench report and whether
# each figure ended flat: the mean of the last third of the samples against the mean of the middle third
# (the first third is warm-up: pools, JIT tiers, SQLite's page cache). Flat means RSS within +10 %,
# descriptors within +5 % (or +20), threads within +20 % (or +4). Exit 0 when all three are flat.
# Everything runs under `nice -n 10` so that it can share a machine; on a quiet one drop the nice.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

minutes=60
sample=60
out=""
history=yes
flood_rate=200
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) minutes=$2; shift 2 ;;
    --sample) sample=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --no-history) history=no; shift ;;
    --flood-rate) flood_rate=$2; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "soak.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
out=${out:-bench/results/soak-$(date -u +%Y%m%d-%H%M%S)}
mkdir -p "$out"
out=$(cd "$out" && pwd)
work=$(mktemp -d)
seconds=$((minutes * 60))

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "building Parley (Release)" >&2
dotnet build src/Parley.Cli -c Release -nologo -clp:ErrorsOnly >/dev/null
# Run a copy, so that a build in this tree during the hour does not replace the assemblies under the server.
cp -r "$repo/src/Parley.Cli/bin/Release/net10.0" "$work/parley"
parley="$work/parley/parley"
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

server_pid=""
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  if [ -n "$server_pid" ]; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

history_args=(--data "$work/soak.db")
[ "$history" = yes ] || history_args=(--no-history)
# The bench's receivers never send: the idle timeout (1 h by default) must outlast the run.
idle=$(( (minutes + 10) / 60 )):$(( (minutes + 10) % 60 )):00
Parley__Server__MessagesPerSecond=0 Parley__Server__MaxConnectionsPerIp=0 Parley__Server__ConnectionsPerIpPerSecond=0 \
  Parley__Server__MaxConnections=100000 Parley__Server__IdleTimeout="$idle" \
  nice -n 10 "$parley" server --text-port 0 --json-port 0 --http-port 0 --irc-port 0 --weather off "${history_args[@]}" \
  >"$out/server.out" 2>"$out/server.log" &
server_pid=$!
port() { sed -n "s/^listening $1 [^ ]*:\([0-9]*\)\$/\1/p" "$out/server.out" | head -n 1; }
for _ in $(seq 1 300); do
  [ -n "$(port json)" ] && [ -n "$(port text)" ] && [ -n "$(port irc)" ] && break
  kill -0 "$server_pid" 2>/dev/null || { echo "soak.sh: the server exited" >&2; cat "$out/server.log" >&2; exit 1; }
  sleep 0.1
done
json_port=$(port json); text_port=$(port text); irc_port=$(port irc)
[ -n "$json_port" ] && [ -n "$text_port" ] && [ -n "$irc_port" ] || { echo "soak.sh: no listener lines" >&2; exit 1; }
echo "server pid $server_pid: text $text_port, json $json_port, irc $irc_port; $minutes min; results in $out" >&2

sample_row() {
  local status rss threads fds
  status=$(cat "/proc/$server_pid/status" 2>/dev/null) || return 1
  rss=$(awk '/^VmRSS:/ {print $2}' <<<"$status")
  threads=$(awk '/^Threads:/ {print $2}' <<<"$status")
  fds=$(ls "/proc/$server_pid/fd" | wc -l)
  echo "$1,$rss,$fds,$threads"
}
echo "elapsed_s,rss_kib,fds,threads" >"$out/samples.csv"
sample_row 0 >>"$out/samples.csv"

nice -n 10 "$parley" bench "127.0.0.1:$json_port" --proto json --clients 500 --senders 20 --rate 20 \
  --seconds "$seconds" --warmup 5 --server-pid "$server_pid" --json >"$out/bench.json" 2>"$out/bench.log" &
pids+=($!)
bench_pid=$!
nice -n 10 python3 scripts/soak_clients.py --text "$text_port" --json "$json_port" --irc "$irc_port" \
  --seconds "$seconds" --flood-rate "$flood_rate" --stats "$out/clients.txt" 2>"$out/clients.log" &
pids+=($!)

start=$(date +%s)
next=$sample
while kill -0 "$bench_pid" 2>/dev/null; do
  now=$(($(date +%s) - start))
  if [ "$now" -ge "$next" ]; then
    row=$(sample_row "$now") || { echo "soak.sh: the server died at ${now} s" >&2; break; }
    echo "$row" >>"$out/samples.csv"
    echo "$row" >&2
    next=$((next + sample))
  fi
  sleep 1
done
wait "$bench_pid" || echo "soak.sh: bench exited with $?" >&2
clients_pid=${pids[1]}
for _ in $(seq 1 60); do kill -0 "$clients_pid" 2>/dev/null || break; sleep 1; done
kill -TERM "$clients_pid" 2>/dev/null || true
wait "$clients_pid" || true
server_alive=no
kill -0 "$server_pid" 2>/dev/null && server_alive=yes
after=""
sleep 5 # the bench's clients have closed: what is left is what the server keeps when idle
[ "$server_alive" = yes ] && after=$(sample_row "$(($(date +%s) - start))") || true

echo
echo "server alive at the end: $server_alive"
if command -v jq >/dev/null && [ -s "$out/bench.json" ]; then
  jq -r '"bench: connected \(.connected) of \(.clients), sent \(.sent), delivered \(.delivered) of \(.expected) (loss \(.loss)), \(.deliveriesPerSecond) delivered/s, p50 \(.latencyMs.p50) ms, p99 \(.latencyMs.p99) ms, disconnects \(.disconnects), server RSS \(.serverRssBeforeKiB // "?") → \(.serverRssKiB // "?") KiB"' "$out/bench.json" 2>/dev/null \
    || cat "$out/bench.json"
else
  cat "$out/bench.json"
fi
echo "after the load (elapsed_s,rss_kib,fds,threads): ${after:-none}"
echo "clients: $(tr '\n' ' ' <"$out/clients.txt" 2>/dev/null)"
awk -F, 'BEGIN { n = 0 } NR > 1 { rss[n] = $2; fds[n] = $3; thr[n] = $4; n++ }
  function mean(a, from, to,   s, i) { s = 0; for (i = from; i < to; i++) s += a[i]; return s / (to - from) }
  END {
    if (n < 3) { print "too few samples to judge"; exit 1 }
    a = int(n / 3); b = int(2 * n / 3)
    printf "samples: %d; first row rss %d KiB, fds %d, threads %d\n", n, rss[0], fds[0], thr[0]
    mr = mean(rss, a, b); er = mean(rss, b, n); mf = mean(fds, a, b); ef = mean(fds, b, n); mt = mean(thr, a, b); et = mean(thr, b, n)
    okr = er <= mr * 1.10; okf = ef <= mf + (mf * 0.05 > 20 ? mf * 0.05 : 20); okt = et <= mt + (mt * 0.2 > 4 ? mt * 0.2 : 4)
    printf "rss KiB:  middle third %.0f, last third %.0f (%+.1f %%): %s\n", mr, er, 100 * (er - mr) / mr, okr ? "flat" : "GROWING"
    printf "fds:      middle third %.1f, last third %.1f: %s\n", mf, ef, okf ? "flat" : "GROWING"
    printf "threads:  middle third %.1f, last third %.1f: %s\n", mt, et, okt ? "flat" : "GROWING"
    exit (okr && okf && okt) ? 0 : 3
  }' "$out/samples.csv"
