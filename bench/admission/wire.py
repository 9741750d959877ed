#!/usr/bin/env python3
"""Server time at the wire: from the last packet of a request to the last packet of its answer, per keep-alive
connection, read from a loopback capture of the webhook's port (tcpdump -tt -n -r FILE output on stdin). This is what
the API server's side of the socket sees, without the load generator's own scheduling and garbage collection.
   tcpdump -tt -n -r wire.pcap | bench/admission/wire.py PORT LAST_N"""
import sys

port, last_n = sys.argv[1], int(sys.argv[2])
flows = {}  # client port -> [request's last packet time, answer's last packet time, answer's packets]
latencies = []
packets = []
for line in sys.stdin:
    parts = line.split()
    if len(parts) < 5 or parts[1] != "IP" or not line.rstrip().endswith(tuple("0123456789")) or " length " not in line:
        continue
    if int(line.rsplit(" length ", 1)[1].split()[0]) == 0:
        continue  # a bare ACK
    t, src, dst = float(parts[0]), parts[2], parts[4].rstrip(":")
    if dst.endswith("." + port):
        flow = flows.setdefault(src, [None, None, 0])
        if flow[1] is not None:  # the previous answer is complete: its request ended at flow[0]
            latencies.append((flow[0], flow[1] - flow[0]))
            packets.append(flow[2])
            flow[0], flow[1], flow[2] = t, None, 0
        else:
            flow[0] = t
    elif src.endswith("." + port):
        flow = flows.get(dst)
        if flow and flow[0] is not None:
            flow[1] = t
            flow[2] += 1
for flow in flows.values():
    if flow[0] is not None and flow[1] is not None:
        latencies.append((flow[0], flow[1] - flow[0]))
latencies.sort()
ms = sorted(d * 1000 for _, d in latencies[-last_n:])
if not ms:
    sys.exit("no request/answer pairs in the capture")
p = lambda q: ms[min(len(ms) - 1, max(0, -(-int(q * 1000) * len(ms) // 1000) - 1))]
print(f"at the wire (agent side of the socket, last {len(ms)} answers): ms p50 {p(0.5):.2f} p90 {p(0.9):.2f} p99 {p(0.99):.2f} p99.9 {p(0.999):.2f} max {ms[-1]:.2f}; "
      f"{sum(packets) / max(1, len(packets)):.2f} packets per answer")
