#!/usr/bin/env bash
# Parley with history on (a SQLite file in a temporary directory) against history off, under the s2 load of
# bench/compare.sh (500 clients, 20 senders x 20 msg/s) and optionally s3 (20 x 80 msg/s), interleaved.
# Usage: bash bench/history.sh [--rounds N] [--seconds T] [--warmup W] [--proto json|text] [--only "s2 s3"]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=1 seconds=5 warmup=1 proto=json only="s2"
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --proto) proto=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
dotnet build src/Parley.Cli -c Release -nologo -clp:ErrorsOnly >/dev/null
parley=src/Parley.Cli/bin/Release/net10.0/parley
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
pin_server=() pin_bench=()
if command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then pin_server=(taskset -c 0) pin_bench=(taskset -c 1); fi
export Parley__Server__MessagesPerSecond=0 Parley__Server__MaxConnectionsPerIp=0 Parley__Server__ConnectionsPerIpPerSecond=0 Parley__Server__MaxConnections=100000
echo "scenario,history,round,offered_per_s,delivered_per_s,loss,p50_ms,p99_ms,server_us_per_delivery"
for round in $(seq 1 "$rounds"); do
  for scenario in $only; do
    case "$scenario" in s2) rate=20 ;; s3) rate=80 ;; *) echo "unknown scenario $scenario" >&2; exit 2 ;; esac
    for history in off on; do
      if [ "$history" = on ]; then flags=(--data "$data/parley-$round-$scenario.db"); else flags=(--no-history); fi
      out=$(mktemp)
      "${pin_server[@]}" "$parley" server --text-port 0 --json-port 0 --weather off "${flags[@]}" >"$out" 2>&1 &
      pid=$!
      for _ in $(seq 1 100); do grep -q "^listening $proto " "$out" && break; sleep 0.1; done
      port=$(grep "^listening $proto " "$out" | sed -E 's/.*:([0-9]+)$/\1/')
      report=$("${pin_bench[@]}" "$parley" bench 127.0.0.1:"$port" --proto "$proto" --clients 500 --senders 20 --rate "$rate" \
        --seconds "$seconds" --warmup "$warmup" --server-pid "$pid" --json)
      kill -TERM "$pid"; wait "$pid" || true
      rm -f "$out"
      echo "$report" | jq -r --arg s "$scenario" --arg h "$history" --arg r "$round" \
        '[$s, $h, $r, .expectedPerSecond // .offeredPerSecond // "", .deliveriesPerSecond, .loss, .latencyMs.p50, .latencyMs.p99, .serverCpuMicrosPerDelivery] | @csv'
    done
  done
done
