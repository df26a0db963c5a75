#!/usr/bin/env bash
# Screenshots of catascii in a real terminal (xterm, true colour) under Xvfb, on a real network of
# peers on loopback: a headless node A that posts three pictures through its admin API, two more
# nodes joined through it, and catascii's own embedded peer joined to A by invite.
#
#   apt-get install -y xvfb xterm tmux xdotool imagemagick jq fonts-dejavu-core
#   mvn -B -o -q package -DskipTests
#   scripts/catascii-screenshots.sh [OUT_DIR]      # default docs/images
#
# Writes catascii-feed.png (80x24), catascii-feed-120x40.png, catascii-network.png (120x40),
# catascii-help.png (80x24) and catascii-80x24.txt (the feed's text as tmux captured it).
# catascii runs inside tmux inside the xterm: tmux tells when the feed has caught up (its pane's
# text) and types the keys; the xterm draws what a user sees. Everything it starts runs under
# /tmp/catascii-shots and is stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-docs/images}"
work=/tmp/catascii-shots
jar=target/catdit.jar
display=:57
admin_port=18457
cats=src/test/resources/cats
font="DejaVu Sans Mono"
font_size=11

rm -rf "$work"
mkdir -p "$work/pictures" "$out"
# Three posts from the one cat we ship: the photo, her face, and a mirrored black-and-white print.
cp "$cats/chelsea.jpg" "$work/pictures/chelsea.jpg"
convert "$cats/chelsea.png" -crop 190x190+120+20 +repage "$work/pictures/face.png"
convert "$cats/chelsea.png" -flop -colorspace Gray -quality 85 "$work/pictures/mirror.jpg"

tmux_() { tmux -L catascii-shots -f "$work/tmux.conf" "$@"; }
cat >"$work/tmux.conf" <<'CONF'
set -g status off
set -g default-terminal tmux-256color
set -as terminal-features 'xterm*:RGB'
set -g escape-time 0
CONF
pids=()
cleanup() {
  tmux_ kill-server 2>/dev/null || true
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

# await SESSION TEXT [ABSENT...]: until the pane shows TEXT and none of ABSENT, unchanged for
# $stable_polls polls 0.1 s apart (a frame caught half drawn does not count), at most 60 s.
stable_polls=10
await() {
  local session=$1 text=$2 pane previous="" stable=0
  shift 2
  for _ in $(seq 600); do
    pane=$(tmux_ capture-pane -p -t "$session" 2>/dev/null || true)
    local ok=1
    [[ "$pane" == *"$text"* ]] || ok=0
    for absent in "$@"; do [[ "$pane" != *"$absent"* ]] || ok=0; done
    if [[ $ok == 1 && "$pane" == "$previous" ]]; then
      stable=$((stable + 1))
      [ "$stable" -ge "$stable_polls" ] && return 0
    else
      stable=0
    fi
    previous=$pane
    sleep 0.1
  done
  echo "timed out waiting for '$text' in $session:"; tmux_ capture-pane -p -t "$session" || true
  exit 1
}

# catascii SESSION COLUMNS ROWS ARGS...: catascii in a detached tmux session of that size.
catascii() {
  local session=$1 columns=$2 rows=$3
  shift 3
  tmux_ new-session -d -s "$session" -x "$columns" -y "$rows" \
    env COLORTERM=truecolor java -jar "$jar" ascii "$@"
}

# name DIR NAME: publishes a profile from catascii on that data directory (alone, offline).
name() {
  catascii name 80 24 --data "$1"
  await name "Press ? for help."
  tmux_ send-keys -t name i "$2" Enter
  await name "You are $2 now."
  tmux_ send-keys -t name q
  for _ in $(seq 100); do tmux_ has-session -t name 2>/dev/null || break; sleep 0.1; done
}
# tmux's server would exit with its last session, racing the next shot's new session: keep one.
tmux_ new-session -d -s keep sleep 100000
name "$work/a" "Alice"
name "$work/b" "Mo"

# Peer A: a headless node that posts three pictures through its admin API.
java -jar "$jar" node --port 0 --bind 127.0.0.1 --no-discovery --data "$work/a" \
  --admin-port "$admin_port" >"$work/a.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do grep -q '^invite: ' "$work/a.log" 2>/dev/null && break; sleep 0.1; done
invite=$(sed -n 's/^invite: //p' "$work/a.log")
[ -n "$invite" ] || { echo "node A did not start:"; cat "$work/a.log"; exit 1; }
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$admin_port/status" >/dev/null && break; sleep 0.1; done

# Peers C and D: two more headless nodes, joined through A, so the network view has neighbours.
for extra in c d; do
  java -jar "$jar" node --port 0 --bind 127.0.0.1 --no-discovery --data "$work/$extra" \
    --invite "$invite" >"$work/$extra.log" 2>&1 &
  pids+=($!)
done

post() { # FILE CAPTION
  curl -sf -X POST --data-binary "@$1" \
    "http://127.0.0.1:$admin_port/posts?caption=$(printf %s "$2" | jq -sRr @uri)" >/dev/null
}
post "$work/pictures/mirror.jpg" "Chelsea in the mirror, black and white"
post "$work/pictures/face.png" "Close-up: the whiskers"
post "$work/pictures/chelsea.jpg" "Chelsea, unimpressed by the camera"

Xvfb "$display" -screen 0 1400x1000x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
pids+=($!)
export DISPLAY="$display"
for _ in $(seq 100); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done

# shoot NAME COLUMNS ROWS [KEY AWAITED]...: catascii B (joined to A) shown in a true-colour xterm
# of that size; once it has caught up, each KEY is typed and AWAITED text awaited; then the shot.
shoot() {
  local name=$1 columns=$2 rows=$3
  shift 3
  catascii shot "$columns" "$rows" --data "$work/b" --invite "$invite"
  xterm -geometry "${columns}x${rows}+0+0" -fa "$font" -fs "$font_size" -bg black -fg gray85 \
    -title "catascii-$name" -e tmux -L catascii-shots attach -t shot &
  local xterm_pid=$!
  pids+=("$xterm_pid")
  # Caught up: all three posts, every picture drawn.
  await shot "3 posts" "fetching the picture" "loading…" "syncing"
  while [ $# -ge 2 ]; do
    tmux_ send-keys -t shot "$1"
    # The network view redraws every second: 0.3 s without a change is as still as it gets.
    stable_polls=3 await shot "$2"
    shift 2
  done
  sleep 0.5 # the xterm draws what tmux already has
  local window
  window=$(xdotool search --onlyvisible --name "^catascii-$name\$" | head -1)
  import -window "$window" "$out/$name.png"
  if [ "$name" = catascii-feed ]; then tmux_ capture-pane -p -t shot >"$out/catascii-80x24.txt"; fi
  tmux_ send-keys -t shot q
  for _ in $(seq 100); do kill -0 "$xterm_pid" 2>/dev/null || break; sleep 0.1; done
}

shoot catascii-feed 80 24
shoot catascii-feed-120x40 120 40 u "yours included"
# u takes the upvote back: a broadcast of this peer's own, which builds its tree (eager links).
shoot catascii-network 120 40 u "Upvote taken back." n "Counters"
shoot catascii-help 80 24 "?" "Press any key"
echo "screenshots in $out"
