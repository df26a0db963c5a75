#!/usr/bin/env bash
# Our link against the kernel's TCP between two network namespaces: random loss on both ends
# (nftables, numgen random, on each end's input), bandwidth limited by tbf on both ends' egress,
# offloads off (ethtool), for loss {0,1,5} % x bandwidth {100 Mbit/s, 1 Gbit/s}, and with
# --rtt-ms a fixed round-trip delay. Runs `catdit bench transport --role receiver` in one namespace
# and `--role sender` in the other for each setting and prints a table. Traffic stays between the
# two namespaces it creates (10.77.0.0/24); both are deleted on exit.
#
# Without --rtt-ms the namespaces are joined by a veth pair (RTT ~0.1 ms). This kernel has no netem
# qdisc, so with --rtt-ms they are joined by two TUN devices and scripts/delay-line.py, which holds
# every packet for half the RTT in each direction (python3; fast enough for 100 Mbit/s, not 1 Gbit/s).
# TCP's congestion control is set in the sender's namespace with --tcp-cc (default cubic: the
# default of Linux, Windows and macOS, and the comparator docs/benchmarks.md names; this machine's
# own default may differ).
#
# Usage (as root, after `mvn -B package -DskipTests`):
#   scripts/impaired-bench.sh [--mb MB] [--rounds N] [--warmup-mb MB] [--messages N] [--jar target/catdit.jar] [--no-protection]
#                             [--max-datagram-bytes B] [--losses "0 1 5"] [--rates "100mbit 1gbit"]
#                             [--rtt-ms MS] [--tcp-cc cubic|bbr|reno]
# Needs: ip, tc (iproute2), nft (nftables), ethtool, java 17, and python3 for --rtt-ms.
set -euo pipefail

MB=25
# Sent first and not measured, by both transports: the JIT compiles the link's hot paths meanwhile
# (with 5 MB, the compiler threads took more CPU than the link in a 1 Gbit/s run).
WARMUP_MB=100
MESSAGES=1000
# Bulk transfers per transport, alternating link and TCP; the ratio is the median of the rounds'.
ROUNDS=3
JAR=target/catdit.jar
PROTECTION=()
# The product's cap off loopback (UdpRuntime.UNFRAGMENTED_DATAGRAM_BYTES): a veth pair has a
# 1500-byte MTU, and larger datagrams would be fragmented by the kernel.
DATAGRAM=(--max-datagram-bytes 1452)
LOSSES="0 1 5"
RATES="100mbit 1gbit"
RTT_MS=0
TCP_CC=cubic
while [[ $# -gt 0 ]]; do
  case "$1" in
    --mb) MB="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --warmup-mb) WARMUP_MB="$2"; shift 2 ;;
    --messages) MESSAGES="$2"; shift 2 ;;
    --jar) JAR="$2"; shift 2 ;;
    --no-protection) PROTECTION=(--no-protection); shift ;;
    --max-datagram-bytes) DATAGRAM=(--max-datagram-bytes "$2"); shift 2 ;;
    --losses) LOSSES="$2"; shift 2 ;;
    --rates) RATES="$2"; shift 2 ;;
    --rtt-ms) RTT_MS="$2"; shift 2 ;;
    --tcp-cc) TCP_CC="$2"; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

if [[ $(id -u) -ne 0 ]]; then
  echo "impaired-bench: run as root (it creates network namespaces)" >&2
  exit 2
fi
for tool in ip tc nft ethtool java; do
  if ! command -v "$tool" >/dev/null; then
    echo "impaired-bench: '$tool' is missing (Debian: apt-get install iproute2 nftables ethtool)" >&2
    exit 2
  fi
done
if [[ ! -f "$JAR" ]]; then
  echo "impaired-bench: $JAR not found; build it with mvn -B package -DskipTests" >&2
  exit 2
fi

if ! [[ "$RTT_MS" =~ ^[0-9]+([.][0-9]+)?$ ]]; then
  echo "impaired-bench: --rtt-ms takes a number of milliseconds: $RTT_MS" >&2
  exit 2
fi
DELAYED=$(awk -v r="$RTT_MS" 'BEGIN { print (r > 0) ? 1 : 0 }')
if [[ $DELAYED -eq 1 ]] && ! command -v python3 >/dev/null; then
  echo "impaired-bench: --rtt-ms needs python3 for scripts/delay-line.py" >&2
  exit 2
fi

A="catdit-bench-a-$$"
B="catdit-bench-b-$$"
ADDR_A=10.77.0.1
ADDR_B=10.77.0.2
PORT=7777
WORK=$(mktemp -d)
RECEIVER_PID=
DELAY_PID=
ALLOWED_CC=

cleanup() {
  if [[ -n "$RECEIVER_PID" ]]; then
    kill "$RECEIVER_PID" 2>/dev/null || true
    wait "$RECEIVER_PID" 2>/dev/null || true
  fi
  if [[ -n "$DELAY_PID" ]]; then
    kill "$DELAY_PID" 2>/dev/null || true
    wait "$DELAY_PID" 2>/dev/null || true
    cat "$WORK/delay-line.log" >&2 2>/dev/null || true
  fi
  ip netns del "$A" 2>/dev/null || true
  ip netns del "$B" 2>/dev/null || true
  if [[ -n "$ALLOWED_CC" ]]; then
    sysctl -q -w "net.ipv4.tcp_allowed_congestion_control=$ALLOWED_CC" || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

# A namespace may only choose a congestion control the root namespace allows; allow it for the run.
allowed=$(sysctl -n net.ipv4.tcp_allowed_congestion_control)
if [[ " $allowed " != *" $TCP_CC "* ]]; then
  ALLOWED_CC=$allowed
  sysctl -q -w "net.ipv4.tcp_allowed_congestion_control=$allowed $TCP_CC"
fi

ip netns add "$A"
ip netns add "$B"
if [[ $DELAYED -eq 1 ]]; then
  DEV_A="cdl-a-$$"
  DEV_B="cdl-b-$$"
  DEV_A=${DEV_A:0:15}
  DEV_B=${DEV_B:0:15}
  ONE_WAY_MS=$(awk -v r="$RTT_MS" 'BEGIN { print r / 2 }')
  python3 "$(dirname "$0")/delay-line.py" "$DEV_A" "$DEV_B" "$ONE_WAY_MS" >"$WORK/delay-line.out" 2>"$WORK/delay-line.log" &
  DELAY_PID=$!
  for _ in $(seq 1 50); do
    grep -q ready "$WORK/delay-line.out" 2>/dev/null && break
    kill -0 "$DELAY_PID" 2>/dev/null || { cat "$WORK/delay-line.log" >&2; exit 1; }
    sleep 0.1
  done
  grep -q ready "$WORK/delay-line.out" || { echo "delay line did not start" >&2; exit 1; }
  # The delay line keeps its file descriptors when the devices move to the namespaces.
  ip link set "$DEV_A" netns "$A"
  ip link set "$DEV_B" netns "$B"
else
  DEV_A=veth-a
  DEV_B=veth-b
  ip link add "$DEV_A" netns "$A" type veth peer name "$DEV_B" netns "$B"
fi
ip -n "$A" addr add "$ADDR_A/24" dev "$DEV_A"
ip -n "$B" addr add "$ADDR_B/24" dev "$DEV_B"
for ns in "$A" "$B"; do
  ip -n "$ns" link set lo up
  ip netns exec "$ns" sysctl -q -w "net.ipv4.tcp_congestion_control=$TCP_CC" || {
    echo "impaired-bench: TCP congestion control '$TCP_CC' is not available here" >&2
    exit 2
  }
done
ip -n "$A" link set "$DEV_A" up
ip -n "$B" link set "$DEV_B" up

# Offloads off, so that tbf and the loss rule see wire-sized packets, not 64 KiB super-packets.
for pair in "$A $DEV_A" "$B $DEV_B"; do
  set -- $pair
  for feature in tso gso gro lro tx-checksumming rx-checksumming; do
    ip netns exec "$1" ethtool -K "$2" "$feature" off >/dev/null 2>&1 || true
  done
done

# Loss: each end drops N % of the frames arriving on its veth (netdev ingress, before IP
# reassembly, so each fragment of a large datagram is lost on its own, as on a wire), so both
# directions lose N %.
set_loss() {
  local percent=$1
  for pair in "$A $DEV_A" "$B $DEV_B"; do
    set -- $pair
    ip netns exec "$1" nft delete table netdev catdit_loss 2>/dev/null || true
    if [[ "$percent" -gt 0 ]]; then
      ip netns exec "$1" nft -f - <<NFT
table netdev catdit_loss {
  chain ingress {
    type filter hook ingress device "$2" priority 0; policy accept;
    numgen random mod 100 < $percent drop
  }
}
NFT
    fi
  done
}

# Bandwidth: tbf on both ends' egress, a queue of about 20 ms and a burst of about 4 ms.
set_rate() {
  local rate=$1 bits
  case "$rate" in
    *gbit) bits=$(( ${rate%gbit} * 1000000000 )) ;;
    *mbit) bits=$(( ${rate%mbit} * 1000000 )) ;;
    *) echo "rate must end in mbit or gbit: $rate" >&2; exit 2 ;;
  esac
  local burst=$(( bits / 8 / 250 )) limit=$(( bits / 8 / 50 ))
  (( burst < 16384 )) && burst=16384
  for pair in "$A $DEV_A" "$B $DEV_B"; do
    set -- $pair
    ip netns exec "$1" tc qdisc replace dev "$2" root tbf rate "$rate" burst "$burst" limit "$limit"
  done
}

mbit() { # MB/s to Mbit/s
  awk -v v="$1" 'BEGIN { printf "%.1f", v * 8 }'
}

field() { # field JSON KEY
  grep -o "\"$2\":[-0-9.eE]*" <<<"$1" | head -n 1 | cut -d: -f2
}

ip netns exec "$B" java -jar "$JAR" bench transport --role receiver --bind "$ADDR_B:$PORT" \
  --timeout-seconds 3600 "${PROTECTION[@]}" >"$WORK/receiver.log" 2>&1 &
RECEIVER_PID=$!
for _ in $(seq 1 150); do
  grep -q "listening on" "$WORK/receiver.log" && break
  kill -0 "$RECEIVER_PID" 2>/dev/null || { cat "$WORK/receiver.log" >&2; exit 1; }
  sleep 0.2
done
grep -q "listening on" "$WORK/receiver.log" || { echo "receiver did not start" >&2; exit 1; }

echo "# catdit impaired-bench: ${ROUNDS} rounds of ${MB} MB bulk after ${WARMUP_MB} MB warm-up, ${MESSAGES} ping-pongs, protection ${PROTECTION[*]:-on} ${DATAGRAM[*]}, added RTT ${RTT_MS} ms, TCP ${TCP_CC}, $(date -u +%FT%TZ)"
printf "%-6s %-8s %12s %12s %8s %12s %12s %10s %9s\n" \
  "loss%" "rate" "linkMbit/s" "tcpMbit/s" "ratio" "linkRttP99us" "tcpRttP99us" "linkLost" "linkDgram"
for rate in $RATES; do
  for loss in $LOSSES; do
    set_rate "$rate"
    set_loss "$loss"
    if ! json=$(ip netns exec "$A" java -jar "$JAR" bench transport --role sender \
        --peer "$ADDR_B:$PORT" --mb "$MB" --rounds "$ROUNDS" --messages "$MESSAGES" --warmup-mb "$WARMUP_MB" \
        --timeout-seconds 3600 "${PROTECTION[@]}" "${DATAGRAM[@]}" 2>"$WORK/sender.err"); then
      printf "%-6s %-8s failed: %s\n" "$loss" "$rate" "$(tail -n 1 "$WORK/sender.err")"
      continue
    fi
    echo "$json" >>"$WORK/runs.jsonl"
    link=$(field "$json" linkMBps)
    tcp=$(field "$json" tcpMBps)
    printf "%-6s %-8s %12s %12s %8s %12s %12s %10s %9s\n" "$loss" "$rate" \
      "$(mbit "$link")" "$(mbit "$tcp")" "$(field "$json" ratio)" \
      "$(field "$json" linkRttP99Us)" "$(field "$json" tcpRttP99Us)" "$(field "$json" packetsLost)" "$(field "$json" datagramBytes)"
  done
done
echo "# raw JSON of each run:"
cat "$WORK/runs.jsonl" 2>/dev/null || true
