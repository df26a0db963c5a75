#!/usr/bin/env bash
# Screenshots of catascii in a real terminal (xterm, true colour) under Xvfb, on a real network of
# two peers on loopback: a headless node that posts three pictures through its admin API, and
# catascii's own embedded peer joined to it by invite.
#
#   apt-get install -y xvfb xterm xdotool imagemagick fonts-dejavu-core
#   mvn -B -o -q package -DskipTests
#   scripts/catascii-screenshots.sh [OUT_DIR]      # default docs/images
#
# Writes catascii-feed.png (80x24), catascii-feed-120x40.png, catascii-network.png (120x40) and
# catascii-help.png (80x24). Everything it starts runs under /tmp/catascii-shots and is stopped at
# the end.
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

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

rm -rf "$work"
mkdir -p "$work/pictures" "$out"
# Three posts from the one cat we ship: the photo, her face, and a mirrored black-and-white print.
cp "$cats/chelsea.jpg" "$work/pictures/chelsea.jpg"
convert "$cats/chelsea.png" -crop 190x190+120+20 +repage "$work/pictures/face.png"
convert "$cats/chelsea.png" -flop -colorspace Gray -quality 85 "$work/pictures/mirror.jpg"

# Peer A: a headless node with a name (given by a profile in its data directory, see below).
java -jar "$jar" node --port 0 --bind 127.0.0.1 --no-discovery --data "$work/a" \
  --admin-port "$admin_port" >"$work/a.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do grep -q '^invite: ' "$work/a.log" 2>/dev/null && break; sleep 0.1; done
invite=$(sed -n 's/^invite: //p' "$work/a.log")
[ -n "$invite" ] || { echo "node A did not start:"; cat "$work/a.log"; exit 1; }
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$admin_port/status" >/dev/null && break; sleep 0.1; done

post() { # FILE CAPTION
  curl -sf -X POST --data-binary "@$1" \
    "http://127.0.0.1:$admin_port/posts?caption=$(printf %s "$2" | jq -sRr @uri)" >/dev/null
}
post "$work/pictures/mirror.jpg" "Chelsea in the mirror, black and white"
post "$work/pictures/face.png" "Close-up: the whiskers"
post "$cats/chelsea.jpg" "Chelsea, unimpressed by the camera"

Xvfb "$display" -screen 0 1400x1000x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
pids+=($!)
export DISPLAY="$display"
for _ in $(seq 100); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done

# shoot NAME COLUMNS ROWS KEYS...: catascii B in an xterm of that size, keys typed after it caught up.
shoot() {
  local name=$1 columns=$2 rows=$3
  shift 3
  COLORTERM=truecolor TERM=xterm-256color xterm -geometry "${columns}x${rows}+0+0" \
    -fa "$font" -fs "$font_size" -bg black -fg gray85 -xrm 'XTerm*cursorBlink: false' \
    -title catascii -e java -jar "$jar" ascii --data "$work/b" --invite "$invite" &
  local xterm_pid=$!
  pids+=("$xterm_pid")
  local window=""
  for _ in $(seq 100); do
    window=$(xdotool search --sync --onlyvisible --name '^catascii$' 2>/dev/null | head -1) && break
    sleep 0.1
  done
  xdotool mousemove 20 20
  # Caught up: three posts and their pictures take a few seconds on loopback.
  sleep 8
  for key in "$@"; do
    xdotool key --clearmodifiers "$key"
    sleep 2.5
  done
  import -window "$window" "$out/$name.png"
  xdotool key q
  for _ in $(seq 100); do kill -0 "$xterm_pid" 2>/dev/null || break; sleep 0.1; done
}

shoot catascii-feed 80 24
shoot catascii-feed-120x40 120 40 u
shoot catascii-network 120 40 n
shoot catascii-help 80 24 question
echo "screenshots in $out"
