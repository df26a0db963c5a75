#!/usr/bin/env python3
"""A fixed-delay line between two TUN devices, for kernels without the netem qdisc.

impaired-bench.sh uses it when asked for a round-trip time: it creates two TUN devices here (in the
root namespace), prints "ready", and the script moves one into each benchmark namespace and gives
them addresses. Every IP packet one namespace sends out of its device is written into the other
namespace's device `delay` seconds later, in the order it was read, so the two namespaces see a
path of that one-way delay in each direction. Bandwidth (tbf) and loss (nftables) stay in the
kernel, on the TUN devices, as on the veth pair without delay.

Usage (as root): delay-line.py DEVICE_A DEVICE_B ONE_WAY_DELAY_MS
Stops on SIGTERM or SIGINT and prints what it forwarded. Accurate to about a millisecond (the poll
timeout), fast enough for 100 Mbit/s of full-size packets; not for 1 Gbit/s.
"""
import errno
import fcntl
import heapq
import os
import select
import signal
import struct
import sys
import time

TUNSETIFF = 0x400454CA
IFF_TUN = 0x0001
IFF_NO_PI = 0x1000
# The most packets read from one device before the loop writes what has fallen due.
READ_BATCH = 64
# A packet larger than this cannot come out of a TUN device with the default MTU.
MAX_PACKET = 65535
# Packets held at once (both directions); beyond it new packets are dropped and counted, as a full
# router queue would. 100 Mbit/s for 500 ms of 1500-byte packets is ~4,200.
MAX_HELD = 20000


def open_tun(name):
    if len(name.encode()) > 15:
        raise SystemExit(f"delay-line: device name longer than 15 bytes: {name}")
    fd = os.open("/dev/net/tun", os.O_RDWR | os.O_NONBLOCK)
    fcntl.ioctl(fd, TUNSETIFF, struct.pack("16sH", name.encode(), IFF_TUN | IFF_NO_PI))
    return fd


def main():
    if len(sys.argv) != 4:
        raise SystemExit("usage: delay-line.py DEVICE_A DEVICE_B ONE_WAY_DELAY_MS")
    name_a, name_b = sys.argv[1], sys.argv[2]
    delay = float(sys.argv[3]) / 1000.0
    if not 0 <= delay <= 10:
        raise SystemExit("delay-line: the one-way delay must be 0-10000 ms")
    fd_a, fd_b = open_tun(name_a), open_tun(name_b)
    other = {fd_a: fd_b, fd_b: fd_a}
    poller = select.epoll()
    poller.register(fd_a, select.EPOLLIN)
    poller.register(fd_b, select.EPOLLIN)

    held = []  # (due, sequence, out_fd, packet): FIFO per direction, since every delay is equal
    sequence = 0
    forwarded = dropped = 0
    running = True

    def stop(_signum, _frame):
        nonlocal running
        running = False

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print("ready", flush=True)

    while running:
        now = time.monotonic()
        while held and held[0][0] <= now:
            _, _, out_fd, packet = heapq.heappop(held)
            try:
                os.write(out_fd, packet)
                forwarded += 1
            except OSError as e:  # device down or its queue full: lost, as on a wire
                if e.errno not in (errno.EAGAIN, errno.EIO, errno.EINVAL):
                    raise
                dropped += 1
        timeout = max(0.0, held[0][0] - now) if held else 1.0
        try:
            events = poller.poll(timeout)
        except InterruptedError:
            continue
        now = time.monotonic()
        for fd, _ in events:
            for _ in range(READ_BATCH):
                try:
                    packet = os.read(fd, MAX_PACKET)
                except BlockingIOError:
                    break
                if len(held) >= MAX_HELD:
                    dropped += 1
                    continue
                heapq.heappush(held, (now + delay, sequence, other[fd], packet))
                sequence += 1
    print(f"delay-line: forwarded {forwarded} packets, dropped {dropped}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
