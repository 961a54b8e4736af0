#!/usr/bin/env python3
"""Writes small synthetic seed inputs for the capture fuzz targets (no real capture is copied).

Usage: fuzz/capture/make_seeds.py   (from the repository root; rewrites fuzz/seeds/fuzz_capture_*/)
"""
import os
import struct

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "seeds")


def sctp_data(tsn, sid, ssn, ppid, data, flags=3):
    c = struct.pack(">BBHIHHI", 0, flags, 16 + len(data), tsn, sid, ssn, ppid) + data
    return c + b"\0" * (-len(c) % 4)


def sctp(chunks, sport=36412, dport=36412, tag=7):
    return struct.pack(">HHII", sport, dport, tag, 0) + b"".join(chunks)


def ipv4(proto, payload, ident=1, frag=0):
    return struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), ident, frag, 64, proto, 0,
                       bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])) + payload


def ipv6(nxt, payload):
    return struct.pack(">IHBB16s16s", 0x60000000, len(payload), nxt, 64, b"\x20\x01" + b"\0" * 13 + b"\1",
                       b"\x20\x01" + b"\0" * 13 + b"\2") + payload


def eth(payload, etype=0x0800):
    return b"\2\0\0\0\0\2\2\0\0\0\0\1" + struct.pack(">H", etype) + payload


def udp(sport, dport, payload):
    return struct.pack(">HHHH", sport, dport, 8 + len(payload), 0) + payload


def tcp(sport, dport, seq, flags, payload):
    return struct.pack(">HHIIBBHHH", sport, dport, seq, 0, 5 << 4, flags, 65535, 0, 0) + payload


S1AP = bytes([0x00, 0x0c, 0x40, 0x20]) + bytes(range(32))
DIAMETER = struct.pack(">B3sB3sIII", 1, (44).to_bytes(3, "big"), 0x80, (316).to_bytes(3, "big"), 16777251, 1, 2) + bytes(24)
GTPV2 = struct.pack(">BBHI3sB", 0x48, 32, 8 + 8, 0x01020304, (1).to_bytes(3, "big"), 0) + bytes(8)


def pcap(linktype, frames):
    out = struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, linktype)
    for i, f in enumerate(frames):
        out += struct.pack("<IIII", 1000 + i, 0, len(f), len(f)) + f
    return out


def pcapng(linktype, frames):
    def block(btype, body):
        body += b"\0" * (-len(body) % 4)
        n = 12 + len(body)
        return struct.pack("<II", btype, n) + body + struct.pack("<I", n)
    out = block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1))
    out += block(1, struct.pack("<HHI", linktype, 0, 0) + struct.pack("<HHB3x", 9, 1, 9) + b"\0\0\0\0")
    for i, f in enumerate(frames):
        out += block(6, struct.pack("<IIIII", 0, 0, i * 1000, len(f), len(f)) + f)
    return out


def frames_input(link_index, frames):
    return bytes([link_index]) + b"".join(struct.pack(">H", len(f)) + f for f in frames)


big = S1AP * 40
reader_seeds = {
    "s1ap_bundled.pcap": pcap(1, [eth(ipv4(132, sctp([sctp_data(1, 0, 0, 18, S1AP), sctp_data(2, 1, 0, 18, S1AP)])))]),
    "s1ap_fragmented.pcapng": pcapng(1, [eth(ipv4(132, sctp([sctp_data(5, 0, 0, 18, big[:600], 2)]))),
                                         eth(ipv4(132, sctp([sctp_data(6, 0, 0, 18, big[600:], 1)])))]),
    "diameter_tcp.pcap": pcap(1, [eth(ipv4(6, tcp(40000, 3868, 1, 0x18, DIAMETER[:10]))),
                                  eth(ipv4(6, tcp(40000, 3868, 11, 0x18, DIAMETER[10:] + DIAMETER)))]),
    "gtpv2_sll.pcap": pcap(113, [struct.pack(">HHH8sH", 0, 1, 6, b"\0" * 8, 0x0800) + ipv4(17, udp(2123, 2123, GTPV2))]),
    "ipv6_raw.pcap": pcap(101, [ipv6(132, sctp([sctp_data(1, 0, 0, 18, S1AP)]))]),
}
sctp_payload = sctp([sctp_data(9, 0, 0, 18, big)])
frame_seeds = {
    "eth_s1ap": frames_input(0, [eth(ipv4(132, sctp([sctp_data(1, 0, 0, 18, S1AP)])))]),
    "raw_ipv4_fragments": frames_input(1, [ipv4(132, sctp_payload[:800], 9, 0x2000),
                                           ipv4(132, sctp_payload[800:], 9, 100)]),
    "raw_diameter": frames_input(1, [ipv4(6, tcp(1, 3868, 100, 0x02, b"")), ipv4(6, tcp(1, 3868, 101, 0x18, DIAMETER))]),
    "ipv6_gtp": frames_input(7, [ipv6(17, udp(2123, 2123, GTPV2))]),
}
for target, seeds in (("fuzz_capture_reader", reader_seeds), ("fuzz_capture_frames", frame_seeds)):
    d = os.path.join(ROOT, target)
    os.makedirs(d, exist_ok=True)
    for name, data in seeds.items():
        with open(os.path.join(d, name), "wb") as f:
            f.write(data)
