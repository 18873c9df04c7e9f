#!/usr/bin/env bash
# Captures real BGP sessions between gobgpd, BIRD and FRR bgpd into pcap files, the bytes the BGP codec tests read
# (tests/MetalLb.Bgp.Tests/TestData/<a>-<b>.pcap). Each run puts two daemons in two network namespaces joined by a
# veth pair, peers them twice (an IPv4 session carrying IPv4 unicast, an IPv6 session carrying IPv6 unicast), lets
# each side advertise prefixes with COMMUNITIES, LARGE_COMMUNITY and LOCAL_PREF, then stops side A (its NOTIFICATION
# is captured) and side B. Needs root; installs gobgpd, bird2, frr and tcpdump when missing. Documentation ranges
# only (198.51.100.0/24, 2001:db8::/64); namespaces and daemons are removed on exit, also on failure.
set -euo pipefail
out=${1:-$(cd "$(dirname "$0")/../MetalLb.Bgp.Tests/TestData" && pwd)}
need=()
command -v gobgpd >/dev/null || need+=(gobgpd)
command -v bird >/dev/null || need+=(bird2)
[ -x /usr/lib/frr/bgpd ] || need+=(frr)
command -v tcpdump >/dev/null || need+=(tcpdump)
if [ ${#need[@]} -gt 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${need[@]}" iproute2 >/dev/null
fi

work=$(mktemp -d /tmp/capture-bgp.XXXXXX)
chmod 755 "$work"
pids=()
namespaces=()
cleanup() {
    local rc=$?
    if [ "$rc" -ne 0 ]; then
        for log in "$work"/*/*.log; do [ -s "$log" ] && { echo "== $log" >&2; tail -n 20 "$log" >&2; }; done
    fi
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    sleep 0.5
    for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
    for ns in "${namespaces[@]}"; do ip netns del "$ns" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

# Each side: its address index (1 or 2), the peer's index, ASNs and the prefixes it originates.
# Communities: side 1 tags 65000:1xx, side 2 tags 65000:2xx; large communities and local-pref likewise.
gobgp_start() { # ns dir me peer myas peeras
    local ns=$1 dir=$2 me=$3 peer=$4 myas=$5 peeras=$6
    cat >"$dir/gobgpd.toml" <<EOF
[global.config]
  as = $myas
  router-id = "198.51.100.$me"
  port = 179
$(for addr in "198.51.100.$peer" "2001:db8::$peer"; do
    fam=ipv4-unicast; [[ $addr == *:* ]] && fam=ipv6-unicast
    cat <<NEIGH
[[neighbors]]
  [neighbors.config]
    neighbor-address = "$addr"
    peer-as = $peeras
  [neighbors.timers.config]
    connect-retry = 1
  [neighbors.graceful-restart.config]
    enabled = true
    restart-time = 90
  [[neighbors.afi-safis]]
    [neighbors.afi-safis.config]
      afi-safi-name = "$fam"
    [neighbors.afi-safis.mp-graceful-restart.config]
      enabled = true
NEIGH
done)
EOF
    ip netns exec "$ns" gobgpd -f "$dir/gobgpd.toml" --api-hosts 127.0.0.1:50051 >"$dir/gobgpd.log" 2>&1 &
    pids+=($!); eval "stop_$ns=$!"
    for _ in $(seq 50); do ip netns exec "$ns" gobgp global >/dev/null 2>&1 && break; sleep 0.2; done
    local lp=$((100 + me * 10))
    ip netns exec "$ns" gobgp global rib add -a ipv4 "198.51.100.$((64 + me * 16))/28" origin igp \
        community "65000:${me}01,65000:${me}02" large-community "65000:$me:1,4200000000:$me:2" local-pref $lp med 7
    ip netns exec "$ns" gobgp global rib add -a ipv4 "198.51.100.$((200 + me))/32" origin incomplete community "65000:${me}03"
    ip netns exec "$ns" gobgp global rib add -a ipv6 "2001:db8::${me}00:0/120" origin igp \
        community "65000:${me}01" large-community "65000:$me:1" local-pref $lp nexthop "2001:db8::$me"
    ip netns exec "$ns" gobgp global rib add -a ipv6 "2001:db8::${me}ff/128" origin igp nexthop "2001:db8::$me"
}

bird_start() { # ns dir me peer myas peeras
    local ns=$1 dir=$2 me=$3 peer=$4 myas=$5 peeras=$6 lp=$((100 + $3 * 10))
    cat >"$dir/bird.conf" <<EOF
router id 198.51.100.$me;
protocol device {}
protocol static s4 { ipv4; route 198.51.100.$((64 + me * 16))/28 blackhole; route 198.51.100.$((200 + me))/32 blackhole; }
protocol static s6 { ipv6; route 2001:db8::${me}00:0/120 blackhole; route 2001:db8::${me}ff/128 blackhole; }
filter mark {
    if source != RTS_STATIC then reject;
    bgp_community.add((65000, ${me}01));
    bgp_large_community.add((65000, $me, 1));
    bgp_large_community.add((4200000000, $me, 2));
    bgp_local_pref = $lp;
    bgp_med = 7;
    accept;
}
protocol bgp v4 {
    local 198.51.100.$me as $myas; neighbor 198.51.100.$peer as $peeras;
    connect delay time 1; graceful restart on;
    ipv4 { import all; export filter mark; next hop self; };
}
protocol bgp v6 {
    local 2001:db8::$me as $myas; neighbor 2001:db8::$peer as $peeras;
    connect delay time 1; graceful restart on;
    ipv6 { import all; export filter mark; next hop self; };
}
EOF
    ip netns exec "$ns" bird -f -c "$dir/bird.conf" -s "$dir/bird.ctl" -P "$dir/bird.pid" >"$dir/bird.log" 2>&1 &
    pids+=($!); eval "stop_$ns=$!"
}

frr_start() { # ns dir me peer myas peeras
    local ns=$1 dir=$2 me=$3 peer=$4 myas=$5 peeras=$6 lp=$((100 + $3 * 10))
    cat >"$dir/bgpd.conf" <<EOF
frr defaults traditional
hostname frr$me
router bgp $myas
 bgp router-id 198.51.100.$me
 no bgp ebgp-requires-policy
 no bgp network import-check
 bgp graceful-restart
 neighbor 198.51.100.$peer remote-as $peeras
 neighbor 198.51.100.$peer timers connect 1
 neighbor 2001:db8::$peer remote-as $peeras
 neighbor 2001:db8::$peer timers connect 1
 address-family ipv4 unicast
  network 198.51.100.$((64 + me * 16))/28 route-map tag
  network 198.51.100.$((200 + me))/32
  no neighbor 2001:db8::$peer activate
  neighbor 198.51.100.$peer next-hop-self
 exit-address-family
 address-family ipv6 unicast
  network 2001:db8::${me}00:0/120 route-map tag
  network 2001:db8::${me}ff/128
  neighbor 2001:db8::$peer activate
  neighbor 2001:db8::$peer next-hop-self
 exit-address-family
route-map tag permit 10
 set community 65000:${me}01 65000:${me}02
 set large-community 65000:$me:1 4200000000:$me:2
 set local-preference $lp
 set metric 7
EOF
    : >"$dir/zebra.conf"
    chown -R frr:frr "$dir"
    ip netns exec "$ns" /usr/lib/frr/zebra -u frr -g frr --vty_socket "$dir" -i "$dir/zebra.pid" -z "$dir/zserv.api" \
        -f "$dir/zebra.conf" >"$dir/zebra.log" 2>&1 &
    pids+=($!)
    sleep 1
    ip netns exec "$ns" /usr/lib/frr/bgpd -n -u frr -g frr --vty_socket "$dir" -i "$dir/bgpd.pid" -z "$dir/zserv.api" \
        -f "$dir/bgpd.conf" >"$dir/bgpd.log" 2>&1 &
    pids+=($!); eval "stop_$ns=$!"
}

capture() { # kindA asA kindB asB
    local a=$1 asa=$2 b=$3 asb=$4 name="$1-$3"
    local nsa=cbgp${$}a nsb=cbgp${$}b dira="$work/$name-a" dirb="$work/$name-b"
    mkdir -p "$dira" "$dirb"
    ip netns add "$nsa"; namespaces+=("$nsa"); ip netns add "$nsb"; namespaces+=("$nsb")
    ip link add veth-a netns "$nsa" type veth peer name veth-b netns "$nsb"
    ip -n "$nsa" addr add 198.51.100.1/24 dev veth-a; ip -n "$nsb" addr add 198.51.100.2/24 dev veth-b
    ip -n "$nsa" addr add 2001:db8::1/64 dev veth-a nodad; ip -n "$nsb" addr add 2001:db8::2/64 dev veth-b nodad
    for ns in "$nsa" "$nsb"; do ip -n "$ns" link set lo up; done
    ip -n "$nsa" link set veth-a up; ip -n "$nsb" link set veth-b up
    ip netns exec "$nsa" tcpdump -i veth-a -w "$out/$name.pcap" -U 'tcp port 179' 2>/dev/null &
    local dump=$!; pids+=("$dump")
    sleep 1
    "${a}_start" "$nsa" "$dira" 1 2 "$asa" "$asb"
    "${b}_start" "$nsb" "$dirb" 2 1 "$asb" "$asa"
    sleep "${SETTLE:-14}"
    local stopa stopb; eval "stopa=\$stop_$nsa stopb=\$stop_$nsb"
    kill "$stopa"; sleep 2; kill "$stopb"; sleep 1
    kill "$dump"; wait "$dump" 2>/dev/null || true
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    sleep 0.5
    pids=()
    ip netns del "$nsa"; ip netns del "$nsb"; namespaces=()
    echo "$name: $(stat -c %s "$out/$name.pcap") bytes" >&2
}

# eBGP with a 4-octet ASN on one side (AS_TRANS in OPEN), and iBGP pairs for LOCAL_PREF.
capture gobgp 4200000001 bird 64500
capture bird 64501 frr 64501
capture frr 4200000002 gobgp 4200000002
capture frr 64502 bird 4200000003
