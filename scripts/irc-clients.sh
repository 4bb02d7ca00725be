#!/usr/bin/env bash
# Drives Debian's irssi and WeeChat against a running Parley server, in tmux, next to a `parley client` (JSON):
# both IRC clients join #general, everyone chats, irssi changes nick, WeeChat parts, irssi quits. Each step waits
# (bounded) for the line it expects in the other panes; at the end every pane is searched for error messages.
# Run by hand, not in CI (docs/protocol.md, "IRC clients tried").
#
#   parley server --irc-port 6667 --json-port 5001 &
#   scripts/irc-clients.sh [IRC_PORT] [JSON_PORT]
#
# PARLEY names the parley command (default: `parley`; e.g. PARLEY="dotnet src/Parley.Cli/bin/Release/net10.0/parley.dll").
# KEEP=1 leaves the tmux session (parley-irc-clients) open to look at.
set -euo pipefail

irc_port=${1:-6667}
json_port=${2:-5001}
parley=${PARLEY:-parley}
session=parley-irc-clients
timeout=${STEP_TIMEOUT:-20}

for tool in tmux irssi weechat; do
    if ! command -v "$tool" >/dev/null; then
        echo "installing irssi, weechat and tmux (apt-get)" >&2
        apt-get install -y irssi weechat tmux >/dev/null
        break
    fi
done

work=$(mktemp -d)
cleanup() {
    if [[ ${KEEP:-0} != 1 ]]; then
        tmux kill-session -t "$session" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

echo "irssi:   $(irssi --version | head -1)"
echo "weechat: $(weechat --version | head -1)"
echo "tmux:    $(tmux -V)"

tmux kill-session -t "$session" 2>/dev/null || true
tmux new-session -d -s "$session" -x 160 -y 50 -n irssi
tmux new-window -t "$session" -n weechat
tmux new-window -t "$session" -n json

failures=0

# capture WINDOW: the window's screen and scrollback, as text.
capture() { tmux capture-pane -p -J -S -300 -t "$session:$1"; }

# expect WINDOW TEXT: waits until TEXT shows in WINDOW, at most $timeout seconds.
expect() {
    local window=$1 text=$2 deadline=$((SECONDS + timeout))
    while ((SECONDS < deadline)); do
        if capture "$window" | grep -qF -- "$text"; then
            echo "ok   $window shows: $text"
            return 0
        fi
        sleep 0.3
    done
    echo "FAIL $window never showed: $text" >&2
    failures=$((failures + 1))
}

type_in() { tmux send-keys -t "$session:$1" -l -- "$2"; tmux send-keys -t "$session:$1" Enter; }

# irssi: a throw-away home, so no user configuration or scripts take part.
mkdir -p "$work/irssi"
tmux send-keys -t "$session:irssi" \
    "irssi --home=$work/irssi -n irssiuser -c 127.0.0.1 -p $irc_port" Enter
expect irssi "End of /MOTD"
type_in irssi "/join #general"
expect irssi "irssiuser"

# WeeChat: a throw-away home; the server, nick and channel given as commands at start.
tmux send-keys -t "$session:weechat" \
    "weechat --dir $work/weechat -r '/server add parley 127.0.0.1/$irc_port -notls -nicks=weeuser -autojoin=#general;/connect parley'" Enter
expect weechat "weeuser"
expect irssi "weeuser"

tmux send-keys -t "$session:json" "$parley client 127.0.0.1:$json_port --name jsonuser --no-color" Enter
expect irssi "jsonuser"
expect weechat "jsonuser"

type_in json "hello from json"
expect irssi "hello from json"
expect weechat "hello from json"

type_in irssi "hello from irssi"
expect json "hello from irssi"
expect weechat "hello from irssi"

type_in weechat "hello from weechat"
expect json "hello from weechat"
expect irssi "hello from weechat"

type_in irssi "/nick irssi2"
expect json "irssi2"
expect weechat "irssi2"

type_in weechat "/part #general see you"
expect json "weeuser left"
expect irssi "has left #general"

type_in irssi "/quit bye now"
expect json "irssi2 left"

type_in json "/quit"
type_in weechat "/quit"
sleep 1

# No pane may show an error: IRC error numerics as the clients print them, irssi/WeeChat warnings, Parley errors.
for window in irssi weechat json; do
    capture "$window" >"$work/$window.txt"
    if grep -nE "Unknown command|Irssi: (warning|error)|=!=|error:|ERR_|Cannot send|not enough parameters" "$work/$window.txt" >&2; then
        echo "FAIL $window shows an error message (above)" >&2
        failures=$((failures + 1))
    fi
done

if ((failures > 0)); then
    echo "$failures check(s) failed; screens:" >&2
    for window in irssi weechat json; do
        echo "----- $window" >&2
        grep -v '^$' "$work/$window.txt" | tail -25 >&2
    done
    exit 1
fi

echo "all checks passed"
