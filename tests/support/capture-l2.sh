#!/usr/bin/env bash
# Captures real ARP and NDP exchanges between two network namespaces into a pcap file, the bytes the Layer2 codec
# tests read (tests/MetalLb.Layer2.Tests/TestData/arping-ndisc6.pcap). Needs root, iproute2, tcpdump,
# iputils-arping, ndisc6. Documentation ranges only; the namespaces are removed on exit, also on failure.
set -euo pipefail
out=${1:?usage: capture-l2.sh OUT.pcap}
a=cap-a-$$; b=cap-b-$$
cleanup() { ip netns del "$a" 2>/dev/null || true; ip netns del "$b" 2>/dev/null || true; }
trap cleanup EXIT
ip netns add "$a"; ip netns add "$b"
ip link add veth-a netns "$a" type veth peer name veth-b netns "$b"
ip -n "$a" link set veth-a address 02:00:00:00:00:0a; ip -n "$b" link set veth-b address 02:00:00:00:00:0b
ip -n "$a" addr add 198.51.100.1/24 dev veth-a; ip -n "$b" addr add 198.51.100.2/24 dev veth-b
ip -n "$a" addr add 2001:db8::1/64 dev veth-a nodad; ip -n "$b" addr add 2001:db8::2/64 dev veth-b nodad
for ns in "$a" "$b"; do ip -n "$ns" link set lo up; done
ip -n "$a" link set veth-a up; ip -n "$b" link set veth-b up
ip netns exec "$b" tcpdump -i veth-b -w "$out" -U 2>/dev/null & dump=$!
sleep 1
ip netns exec "$a" arping -c 1 -w 2 -I veth-a 198.51.100.2 || true   # request and the kernel's reply
ip netns exec "$a" arping -c 1 -U -I veth-a 198.51.100.1 || true     # gratuitous request
ip netns exec "$a" arping -c 1 -A -I veth-a 198.51.100.1 || true     # gratuitous reply
ip netns exec "$a" ndisc6 -1 2001:db8::2 veth-a || true              # NS from the link-local address, the kernel's NA
ip netns exec "$a" ping -6 -c1 -W1 2001:db8::2 >/dev/null || true    # NS from the global address, the kernel's NA
sleep 1
kill "$dump"; wait "$dump" 2>/dev/null || true
