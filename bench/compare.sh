#!/usr/bin/env bash
# Compares Parley with InspIRCd and ngIRCd under the same `parley bench` loads, on this machine.
#
#   bash bench/compare.sh [--rounds N] [--seconds T] [--warmup W] [--quick] [--out DIR] [--only LIST] [--targets LIST]
#
# Builds Parley (Release), installs Debian's inspircd, ngircd, gnuplot and jq when missing, then for each round
# runs every scenario against every server, each server started fresh for each run and pinned to core 0 with
# the generator on core 1 (when there are two cores). Rounds are interleaved (round 1 of every scenario and
# server, then round 2...) so a slow minute on a shared machine does not land on one server only.
# Writes DIR/results.csv (one row per run), DIR/summary.md (medians and Parley ÷ InspIRCd ratios, also printed)
# and DIR/latency.png (p99 and p50 latency against delivered messages per second). DIR defaults to
# bench/results/DATE.
#
# Scenarios (N clients in one room, S of them sending R messages per second each; see docs/benchmarks.md):
#   s2      500 clients, 20 senders x 20 msg/s     s3      500 clients, 20 senders x 80 msg/s
#   s2r100  500 clients, 20 senders x 100 msg/s    s2r200  ... x 200 msg/s    s2r400  ... x 400 msg/s
#   idle2k  2,000 joined idle clients              idle10k 10,000 joined idle clients (RSS per connection)
#
# Targets: parley-text, parley-json, parley-json-quiet (no console line per message), parley-json-history (history
# on, SQLite), parley-ws, parley-irc, parley-irc-history, inspircd, ngircd. The default warm-up (15 s of the
# scenario's load before the measured window) outlasts .NET's tiered JIT on one busy core: Parley's runtimeconfig
# starts tier-1 call counting at once, and its hot path is compiled ~4 s after start (before that setting, 15-20 s:
# docs/benchmarks.md, "Session 5" and "Session 13"); every server gets the same warm-up.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

rounds=3
seconds=10
warmup=15
out=""
only=""
targets_only=""
install=yes
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --quick) rounds=1; seconds=5; warmup=1; shift ;;
    --out) out=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    --targets) targets_only=$2; shift 2 ;;
    --no-install) install=no; shift ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "compare.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
out=${out:-bench/results/$(date -u +%Y%m%d-%H%M%S)}
mkdir -p "$out"
out=$(cd "$out" && pwd)
work=$(mktemp -d)
log="$out/servers.log"
: > "$log"

# --- tools -------------------------------------------------------------------------------------------------
if [ "$install" = yes ]; then
  missing=()
  command -v inspircd >/dev/null || [ -x /usr/sbin/inspircd ] || missing+=(inspircd)
  command -v ngircd >/dev/null || [ -x /usr/sbin/ngircd ] || missing+=(ngircd)
  command -v gnuplot >/dev/null || missing+=(gnuplot-nox)
  command -v jq >/dev/null || missing+=(jq)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing ${missing[*]}" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
fi
export PATH="$PATH:/usr/sbin"
# Debian starts them as services on install; ours run with our own configs and ports instead.
for service in inspircd ngircd; do
  service "$service" stop >/dev/null 2>&1 || true
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "building Parley (Release)" >&2
dotnet build src/Parley.Cli -c Release -nologo -clp:ErrorsOnly >/dev/null
parley="$repo/src/Parley.Cli/bin/Release/net10.0/parley"

# 10,000 idle clients need 10,000 descriptors in the generator and in each server.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

if [ "$(nproc)" -ge 2 ]; then
  server_pin=(taskset -c 0)
  bench_pin=(taskset -c 1)
else
  server_pin=()
  bench_pin=()
fi

# --- servers -----------------------------------------------------------------------------------------------
server_pid=""
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
  local port=$((20000 + RANDOM % 20000))
  while port_in_use "$port"; do port=$((port + 1)); done
  echo "$port"
}
wait_port() {
  for _ in $(seq 1 150); do
    port_in_use "$1" && return 0
    sleep 0.1
  done
  echo "compare.sh: nothing listens on port $1" >&2
  return 1
}
stop_server() {
  [ -n "$server_pid" ] || return 0
  kill -TERM "$server_pid" 2>/dev/null || true
  for _ in $(seq 1 100); do
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
}
trap 'stop_server; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM # so that the EXIT trap stops the server

# Starts the server behind target $1; sets server_pid and target_port (empty when the target does not exist,
# e.g. parley-irc before Parley has an IRC listener).
start_server() {
  local target=$1 dir
  target_port=""
  dir=$(mktemp -d "$work/$target.XXXX")
  case "$target" in
    parley-*)
      local quiet=() history=(--no-history)
      [[ "$target" == *-quiet ]] && quiet=(--quiet) # the same server without its console line per message
      [[ "$target" == *-history ]] && history=(--data "$dir/parley.db") # history on: SQLite, group commit
      Parley__Server__MessagesPerSecond=0 Parley__Server__MaxConnectionsPerIp=0 Parley__Server__ConnectionsPerIpPerSecond=0 \
        Parley__Server__MaxConnections=100000 \
        "${server_pin[@]}" "$parley" server --text-port 0 --json-port 0 --http-port 0 --irc-port 0 "${history[@]}" --weather off "${quiet[@]}" >"$dir/out" 2>>"$log" &
      server_pid=$!
      for _ in $(seq 1 300); do
        grep -q '^listening json ' "$dir/out" && break
        sleep 0.1
      done
      sleep 0.3 # every listener line is printed at once; give the last one time to land
      local wire=${target#parley-}
      wire=${wire%-quiet}
      wire=${wire%-history}
      [ "$wire" = ws ] && wire=http # the WebSocket endpoint /ws is on the HTTP listener
      target_port=$(sed -n "s/^listening $wire [^ ]*:\([0-9]*\)\$/\1/p" "$dir/out" | head -n 1)
      if [ -z "$target_port" ]; then stop_server; fi
      ;;
    inspircd)
      target_port=$(free_port)
      sed "s|@PORT@|$target_port|; s|@DIR@|$dir|" bench/peers/inspircd.conf.in >"$dir/inspircd.conf"
      "${server_pin[@]}" inspircd --config "$dir/inspircd.conf" --nofork --runasroot >>"$log" 2>&1 &
      server_pid=$!
      wait_port "$target_port"
      ;;
    ngircd)
      target_port=$(free_port)
      sed "s|@PORT@|$target_port|; s|@DIR@|$dir|" bench/peers/ngircd.conf.in >"$dir/ngircd.conf"
      "${server_pin[@]}" ngircd --config "$dir/ngircd.conf" --nodaemon >>"$log" 2>&1 &
      server_pid=$!
      wait_port "$target_port"
      ;;
  esac
}

# Parley's IRC listener joins the comparison once `parley server` announces it.
targets=(parley-text parley-json parley-json-quiet parley-json-history parley-ws)
probe_dir=$(mktemp -d "$work/probe.XXXX")
"$parley" server --text-port 0 --json-port 0 --http-port 0 --irc-port 0 --no-history --weather off >"$probe_dir/out" 2>/dev/null &
probe=$!
for _ in $(seq 1 300); do grep -q '^listening json ' "$probe_dir/out" && break; sleep 0.1; done
sleep 0.3
grep -q '^listening irc ' "$probe_dir/out" && targets+=(parley-irc parley-irc-history)
kill -TERM "$probe" 2>/dev/null || true
wait "$probe" 2>/dev/null || true
targets+=(inspircd ngircd)
if [ -n "$targets_only" ]; then
  # Keep InspIRCd: the ratios are against it.
  kept=()
  for target in "${targets[@]}"; do
    if [[ " $targets_only inspircd " == *" $target "* ]]; then kept+=("$target"); fi
  done
  targets=("${kept[@]}")
fi

protocol_of() {
  case "$1" in
    parley-text) echo text ;;
    parley-json|parley-json-quiet|parley-json-history) echo json ;;
    parley-ws) echo ws ;;
    *) echo irc ;;
  esac
}

# name clients senders rate (rate 0: idle)
scenarios=(
  "s2 500 20 20"
  "s3 500 20 80"
  "s2r100 500 20 100"
  "s2r200 500 20 200"
  "s2r400 500 20 400"
  "idle2k 2000 0 0"
  "idle10k 10000 0 0"
)

csv="$out/results.csv"
echo "round,scenario,target,clients,senders,rate,connected,sent,expected,delivered,loss,loss_pct,deliveries_per_s,p50_ms,p90_ms,p99_ms,max_ms,sender_lag_mean_ms,disconnects,server_cpu_pct,server_cpu_us_per_delivery,server_rss_kib,rss_bytes_per_conn,generator_cpu_pct,connect_s,first_disconnect_reason" >"$csv"

{
  echo "machine: $(lscpu | sed -n 's/^Model name: *//p' | head -n 1), $(nproc) cores, $(free -g | awk '/^Mem:/{print $2}') GiB"
  echo "servers: Parley $(git -C "$repo" rev-parse --short HEAD), $(inspircd --version 2>/dev/null | head -n 1), $(ngircd --version 2>/dev/null | head -n 1 | cut -d- -f1)"
  echo "command: bash bench/compare.sh --rounds $rounds --seconds $seconds --warmup $warmup${only:+ --only \"$only\"}${targets_only:+ --targets \"$targets_only\"}"
} | tee "$out/machine.txt" >&2

for round in $(seq 1 "$rounds"); do
  for scenario in "${scenarios[@]}"; do
    read -r name clients senders rate <<<"$scenario"
    if [ -n "$only" ] && [[ " $only " != *" $name "* ]]; then continue; fi
    for target in "${targets[@]}"; do
      start_server "$target"
      if [ -z "$target_port" ]; then
        echo "round $round $name $target: server did not start (see $log)" >&2
        continue
      fi
      args=(127.0.0.1:"$target_port" --proto "$(protocol_of "$target")" --clients "$clients" --server-pid "$server_pid" --json)
      if [ "$rate" = 0 ]; then
        # A single-threaded server busy with the join storm accepts slowly; its slowness is the connect time.
        args+=(--idle --handshake-timeout 180)
      else
        args+=(--senders "$senders" --rate "$rate" --seconds "$seconds" --warmup "$warmup")
      fi
      echo "round $round $name $target" >&2
      if report=$("${bench_pin[@]}" "$parley" bench "${args[@]}" 2>>"$log"); then
        echo "$report" >>"$out/reports.jsonl"
        jq -r --arg round "$round" --arg name "$name" --arg target "$target" --arg rate "$rate" '[
            $round, $name, $target, .clients, .senders, ($rate | tonumber), .connected, .sent, .expected, .delivered, .loss,
            .lossPercent, .deliveriesPerSecond, .latencyMs.p50, .latencyMs.p90, .latencyMs.p99, .latencyMs.max,
            .senderLagMeanMs, .disconnects, .serverCpuPercent, .serverCpuMicrosPerDelivery, .serverRssKiB,
            .serverRssBytesPerConnection, .generatorCpuPercent, .connectSeconds,
            ((.firstDisconnectReason // .firstConnectFailure // "") | gsub("[,\n\r]"; " "))
          ] | @csv' <<<"$report" >>"$csv"
      else
        echo "round $round $name $target: bench failed (see $log)" >&2
        echo "\"$round\",\"$name\",\"$target\",$clients,$senders,$rate,0,,,,,,,,,,,,,,,,,,,\"bench failed\"" >>"$csv"
      fi
      stop_server
    done
  done
done

# --- summary -----------------------------------------------------------------------------------------------
# Medians per scenario and target of: deliveries/s, p50, p99, loss %, server CPU µs per delivery, generator CPU %,
# server RSS bytes per connection. Then Parley ÷ InspIRCd for each Parley target.
median() { sort -g | awk '{v[NR]=$1} END {if (NR==0) {print ""} else if (NR%2) {print v[(NR+1)/2]} else {print (v[NR/2]+v[NR/2+1])/2}}'; }
column_of() { head -n 1 "$csv" | tr ',' '\n' | grep -nx "$1" | cut -d: -f1; }
med() { # scenario target column
  local c
  c=$(column_of "$3")
  awk -F, -v s="\"$1\"" -v t="\"$2\"" -v c="$c" '$2==s && $3==t && $c!="" {print $c}' "$csv" | median
}
fmt() { [ -z "$1" ] && { echo "-"; return; }; printf "%.${2}f" "$1"; }
ratio() { if [ -z "$1" ] || [ -z "$2" ] || awk "BEGIN{exit !($2==0)}"; then echo "-"; else awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", a/b}'; fi; }

summary="$out/summary.md"
{
  echo "Medians of $rounds round(s), ${seconds} s measured after ${warmup} s warm-up; ratios are Parley ÷ InspIRCd."
  echo
  echo "| scenario | server | deliveries/s | p50 ms | p99 ms | loss % | server CPU µs/delivery | generator CPU % | ÷ InspIRCd deliveries/s | ÷ InspIRCd p99 | ÷ InspIRCd CPU/delivery |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  for scenario in "${scenarios[@]}"; do
    read -r name clients senders rate <<<"$scenario"
    [ "$rate" = 0 ] && continue
    if [ -n "$only" ] && [[ " $only " != *" $name "* ]]; then continue; fi
    base_dps=$(med "$name" inspircd deliveries_per_s)
    base_p99=$(med "$name" inspircd p99_ms)
    base_cpu=$(med "$name" inspircd server_cpu_us_per_delivery)
    for target in "${targets[@]}"; do
      dps=$(med "$name" "$target" deliveries_per_s)
      [ -z "$dps" ] && continue
      p50=$(med "$name" "$target" p50_ms)
      p99=$(med "$name" "$target" p99_ms)
      loss=$(med "$name" "$target" loss_pct)
      cpu=$(med "$name" "$target" server_cpu_us_per_delivery)
      gen=$(med "$name" "$target" generator_cpu_pct)
      # Nothing delivered (every client dropped): there is no latency to show, not a latency of 0.
      if awk -v d="$dps" 'BEGIN{exit !(d==0)}'; then p50=""; p99=""; fi
      r1="" r2="" r3=""
      if [[ "$target" == parley-* ]]; then r1=$(ratio "$dps" "$base_dps"); r2=$(ratio "$p99" "$base_p99"); r3=$(ratio "$cpu" "$base_cpu"); fi
      echo "| $name ($clients × $senders×$rate/s) | $target | $(fmt "$dps" 0) | $(fmt "$p50" 2) | $(fmt "$p99" 2) | $(fmt "$loss" 3) | $(fmt "$cpu" 2) | $(fmt "$gen" 0) | ${r1:-} | ${r2:-} | ${r3:-} |"
    done
  done
  echo
  echo "| idle scenario | server | joined | connect s | server RSS MiB | RSS per connection KiB | disconnects | ÷ InspIRCd RSS/connection |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|"
  for scenario in "${scenarios[@]}"; do
    read -r name clients senders rate <<<"$scenario"
    [ "$rate" = 0 ] || continue
    if [ -n "$only" ] && [[ " $only " != *" $name "* ]]; then continue; fi
    base=$(med "$name" inspircd rss_bytes_per_conn)
    for target in "${targets[@]}"; do
      per=$(med "$name" "$target" rss_bytes_per_conn)
      joined=$(med "$name" "$target" connected)
      [ -z "$joined" ] && continue
      rss=$(med "$name" "$target" server_rss_kib)
      connect=$(med "$name" "$target" connect_s)
      disc=$(med "$name" "$target" disconnects)
      r=""
      if [[ "$target" == parley-* ]]; then r=$(ratio "$per" "$base"); fi
      echo "| $name | $target | $(fmt "$joined" 0) | $(fmt "$connect" 1) | $(fmt "${rss:+$(awk -v k="$rss" 'BEGIN{print k/1024}')}" 1) | $(fmt "${per:+$(awk -v b="$per" 'BEGIN{print b/1024}')}" 1) | $(fmt "$disc" 0) | ${r:-} |"
    done
  done
} >"$summary"
cat "$summary"

# --- plot --------------------------------------------------------------------------------------------------
# One line per server: median p99 (solid) and p50 (dashed) latency against the offered load in deliveries per
# second ((N-1) x S x R: what the room would carry if nothing were lost), over the load scenarios.
plot_data="$out/latency.dat"
: >"$plot_data"
plot_cmds=()
index=0
for target in "${targets[@]}"; do
  echo "# $target" >>"$plot_data"
  points=0
  for scenario in "${scenarios[@]}"; do
    read -r name clients senders rate <<<"$scenario"
    [ "$rate" = 0 ] && continue
    dps=$(med "$name" "$target" deliveries_per_s)
    [ -z "$dps" ] && continue
    echo "$((  (clients - 1) * senders * rate)) $(med "$name" "$target" p99_ms) $(med "$name" "$target" p50_ms) $dps" >>"$plot_data"
    points=$((points + 1))
  done
  printf '\n\n' >>"$plot_data"
  if [ "$points" -gt 0 ]; then
    plot_cmds+=("'$plot_data' index $index using 1:2 with linespoints lw 2 lc $((index + 1)) title '$target p99'")
    plot_cmds+=("'' index $index using 1:3 with linespoints dt 2 lc $((index + 1)) title '$target p50'")
  fi
  index=$((index + 1))
done
if [ ${#plot_cmds[@]} -gt 0 ]; then
  terminal="pngcairo size 1000,600"
  gnuplot -e "set terminal pngcairo" >/dev/null 2>&1 || terminal="png size 1000,600"
  gnuplot <<EOF
set terminal $terminal
set output '$out/latency.png'
set title 'Latency against load: 500 clients, 20 senders, 20 to 400 msg/s each (medians of $rounds round(s))'
set xlabel 'offered load: deliveries per second ((N-1) x S x R)'
set logscale x
set ylabel 'latency (ms)'
set logscale y
set grid
set key left top
plot $(IFS=,; echo "${plot_cmds[*]}")
EOF
fi
echo "results: $csv, $summary, $out/latency.png" >&2
