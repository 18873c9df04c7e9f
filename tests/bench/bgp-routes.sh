#!/usr/bin/env bash
# Measures how fast a BGP sender gets N routes into a receiver's RIB and out again (issue 7): for each receiver (BIRD,
# and GoBGP as a second one), the same receiver daemon peers over iBGP with every sender — GoBGP, BIRD and, when
# OUR_SENDER_CMD is set, our native speaker — each in its own namespace on its own veth pair. Per run and sender: the
# time from "sender told to announce" to "all N routes in the receiver's RIB", then from "told to withdraw" to "none
# left", and the sender's resident memory with the N routes announced. Prints every run, then medians and the ratios
# to GoBGP as the sender. Routes are IPv6 /128s from 2001:db8:100::/96: the IPv4 documentation ranges hold only 768
# /32s. Needs root; installs gobgpd and bird2 when missing; documentation ranges only (2001:db8::/32, 203.0.113.0/24
# as router ids); namespaces and daemons are removed when it ends, fails or is interrupted, and those of a run that was
# killed outright are removed by the next one.
#
# usage: tests/bench/bgp-routes.sh [--routes N] [--runs N] [--receivers "bird gobgp"] [--poll-ms MS] [--out FILE]
#
# How each sender is told (t0 is taken just before):
#   gobgp  `gobgp mrt inject global FILE` (a TABLE_DUMP_V2 file of the N routes, written here; GoBGP's fastest bulk
#          path: the CLI streams them over AddPathStream), then `gobgp global rib -a ipv6 del all`.
#   bird   the N routes are a static protocol, disabled at start: `birdc enable announced`, then `birdc disable announced`.
#   ours   see our_sender below.
# "In the receiver's RIB": the receiver is polled every --poll-ms (default 20) with `birdc show route table master6
# count` or `gobgp global rib -a ipv6 summary`, and t1 is the first poll that sees all N (or, withdrawing, none). A
# poll itself takes ~6 ms (birdc, empty table), ~18 ms (birdc, 10,000 routes) or ~20 ms (gobgp, a Go CLI), so times
# are late by up to one poll plus one interval: fine against GoBGP's ~1 s, coarse against BIRD's tens of ms.
set -euo pipefail
cd "$(dirname "$0")/../.."

routes=10000 runs=5 receivers="bird gobgp" poll_ms=20 out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --routes) routes=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --receivers) receivers=$2; shift 2 ;;
    --poll-ms) poll_ms=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    *) echo "unknown argument: $1 (see the usage line at the top of $0)" >&2; exit 2 ;;
  esac
done
if [ "$(id -u)" -ne 0 ]; then
  echo "bgp-routes.sh needs root (network namespaces)" >&2
  exit 2
fi
need=()
command -v gobgpd >/dev/null || need+=(gobgpd)
command -v bird >/dev/null || need+=(bird2)
command -v ip >/dev/null || need+=(iproute2)
if [ ${#need[@]} -gt 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${need[@]}" >/dev/null
fi

asn=64500
tag="bgpb-$$"
work=$(mktemp -d "/tmp/$tag.XXXXXX")
pids=()
namespaces=()
our_fd=""

cleanup() {
  local rc=$?
  if [ "$rc" -ne 0 ]; then
    for log in "$work"/*.log; do [ -s "$log" ] && { echo "== $log" >&2; tail -n 20 "$log" >&2; }; done
  fi
  [ -n "$our_fd" ] && exec {our_fd}>&- || true
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  sleep 0.5
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  delete_namespaces
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Namespaces and work directories of runs whose script is gone (killed outright): their daemons are killed first.
remove_orphans() {
  local ns pid
  for ns in $(ip netns list | awk '{print $1}' | grep -E '^bgpb-[0-9]+-' || true); do
    pid=${ns#bgpb-}; pid=${pid%%-*}
    [ -d "/proc/$pid" ] && continue
    for p in $(ip netns pids "$ns"); do kill -9 "$p" 2>/dev/null || true; done
    ip netns del "$ns" 2>/dev/null || true
  done
  for dir in /tmp/bgpb-*; do
    [ -d "$dir" ] || continue
    pid=${dir#/tmp/bgpb-}; pid=${pid%%.*}
    [ -d "/proc/$pid" ] || rm -rf "$dir"
  done
}

now_us() { local t=$EPOCHREALTIME; echo "${t/./}"; }

# The N prefixes (2001:db8:100::HI:LO/128, from 1) as a list, a BIRD static protocol and a TABLE_DUMP_V2 MRT file
# (RFC 6396: one PEER_INDEX_TABLE, one RIB_IPV6_UNICAST record per prefix with ORIGIN, an empty AS_PATH and a full
# MP_REACH_NLRI carrying the next hop). gobgp's --nexthop replaces that next hop with the sender's own address anyway.
write_routes() {
  perl -MSocket=inet_pton,inet_aton,AF_INET6 -e '
    my ($n, $dir) = @ARGV;
    open(my $list, ">", "$dir/prefixes.txt") or die;
    open(my $bird, ">", "$dir/static.conf") or die;
    open(my $mrt, ">:raw", "$dir/routes.mrt") or die;
    my $nh = inet_pton(AF_INET6, "2001:db8:bb::2");
    sub record { my ($fh, $subtype, $body) = @_; print $fh pack("NnnN", time, 13, $subtype, length $body), $body; }
    record($mrt, 1, pack("a4 n n C a4 a16 N", inet_aton("203.0.113.20"), 0, 1, 3, inet_aton("203.0.113.20"), $nh, 64500));
    print $bird "protocol static announced {\n  disabled;\n  ipv6;\n";
    for my $i (1 .. $n) {
      my $p = sprintf("2001:db8:100::%x:%x", $i >> 16, $i & 0xffff);
      print $list "$p/128\n";
      print $bird "  route $p/128 blackhole;\n";
      my $prefix = inet_pton(AF_INET6, $p);
      my $reach = pack("n C C a16 C C a16", 2, 1, 16, $nh, 0, 128, $prefix);
      my $attrs = pack("C C C C", 0x40, 1, 1, 0) . pack("C C C", 0x40, 2, 0) . pack("C C C", 0x80, 14, length $reach) . $reach;
      my $entry = pack("n N n", 0, time, length $attrs) . $attrs;
      record($mrt, 4, pack("N C a16 n", $i - 1, 128, $prefix, 1) . $entry);
    }
    print $bird "}\n";
  ' "$routes" "$work"
}

# One sender namespace per sender kind, each joined to the receiver namespace by its own veth pair:
# 2001:db8:bb:I::1 (receiver) and 2001:db8:bb:I::2 (sender I).
link() { # receiver-ns sender-ns index
  local rx=$1 tx=$2 i=$3
  ip link add "rx$i" netns "$rx" type veth peer name "tx$i" netns "$tx"
  ip -n "$rx" addr add "2001:db8:bb:$i::1/64" dev "rx$i" nodad
  ip -n "$tx" addr add "2001:db8:bb:$i::2/64" dev "tx$i" nodad
  ip -n "$rx" link set "rx$i" up
  ip -n "$tx" link set "tx$i" up
}

# Whatever still runs in them (a sender that daemonized) is killed first: a namespace outlives its deletion while a
# process holds it.
delete_namespaces() {
  local ns p
  for ns in "${namespaces[@]}"; do
    for p in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$p" 2>/dev/null || true; done
    ip netns del "$ns" 2>/dev/null || true
  done
  namespaces=()
}

add_ns() { ip netns add "$1"; namespaces+=("$1"); ip -n "$1" link set lo up; }

wait_for() { # description command...; polls every 100 ms for up to 60 s
  local what=$1; shift
  for _ in $(seq 600); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "timed out waiting for $what" >&2
  return 1
}

# --- receivers: passive, iBGP (nothing learned is passed on), nothing installed in the kernel ---------------------------
start_receiver() { # kind ns
  local kind=$1 ns=$2 i
  case "$kind" in
    bird)
      {
        echo "router id 203.0.113.1;"
        echo "protocol device {}"
        for i in "${sender_indexes[@]}"; do
          echo "protocol bgp s$i { local as $asn; neighbor 2001:db8:bb:$i::2 as $asn; direct; passive on;"
          echo "  ipv6 { import all; export none; }; }"
        done
      } >"$work/rx-bird.conf"
      ip netns exec "$ns" bird -f -c "$work/rx-bird.conf" -s "$work/rx-bird.ctl" -P "$work/rx-bird.pid" \
        >"$work/rx-bird.log" 2>&1 &
      pids+=($!)
      wait_for "the receiving BIRD" birdc -s "$work/rx-bird.ctl" show status
      ;;
    gobgp)
      {
        printf '[global.config]\n  as = %s\n  router-id = "203.0.113.1"\n  port = 179\n' "$asn"
        for i in "${sender_indexes[@]}"; do
          printf '[[neighbors]]\n  [neighbors.config]\n    neighbor-address = "2001:db8:bb:%s::2"\n    peer-as = %s\n' "$i" "$asn"
          printf '  [neighbors.transport.config]\n    passive-mode = true\n'
          printf '  [[neighbors.afi-safis]]\n    [neighbors.afi-safis.config]\n      afi-safi-name = "ipv6-unicast"\n'
        done
      } >"$work/rx-gobgp.toml"
      ip netns exec "$ns" gobgpd -f "$work/rx-gobgp.toml" --api-hosts 127.0.0.1:50051 --pprof-disable \
        >"$work/rx-gobgp.log" 2>&1 &
      pids+=($!)
      wait_for "the receiving gobgpd" ip netns exec "$ns" gobgp global
      ;;
  esac
}

receiver_count() { # kind ns → number of routes in the receiver's IPv6 RIB
  case "$1" in
    bird) birdc -s "$work/rx-bird.ctl" show route table master6 count | awk '/routes for/ { print $1; exit }' ;;
    gobgp) ip netns exec "$2" gobgp global rib -a ipv6 summary | sed -n 's/.*Destination: \([0-9]*\).*/\1/p' ;;
  esac
}

receiver_established() { # kind ns sender-index
  case "$1" in
    bird) birdc -s "$work/rx-bird.ctl" show protocols "s$3" | grep -q Established ;;
    gobgp) ip netns exec "$2" gobgp neighbor "2001:db8:bb:$3::2" | grep -q 'BGP state = ESTABLISHED' ;;
  esac
}

# --- senders: each dials the receiver and announces nothing until told ----------------------------------------------------
start_gobgp_sender() { # ns index
  local ns=$1 i=$2
  printf '[global.config]\n  as = %s\n  router-id = "203.0.113.2%s"\n  port = 179\n' "$asn" "$i" >"$work/tx-gobgp.toml"
  printf '[[neighbors]]\n  [neighbors.config]\n    neighbor-address = "2001:db8:bb:%s::1"\n    peer-as = %s\n' "$i" "$asn" >>"$work/tx-gobgp.toml"
  printf '  [neighbors.timers.config]\n    connect-retry = 1\n' >>"$work/tx-gobgp.toml"
  printf '  [[neighbors.afi-safis]]\n    [neighbors.afi-safis.config]\n      afi-safi-name = "ipv6-unicast"\n' >>"$work/tx-gobgp.toml"
  ip netns exec "$ns" gobgpd -f "$work/tx-gobgp.toml" --api-hosts 127.0.0.1:50051 --pprof-disable \
    >"$work/tx-gobgp.log" 2>&1 &
  pids+=($!); sender_pid[gobgp]=$!
  wait_for "the sending gobgpd" ip netns exec "$ns" gobgp global
}
# gobgp 3.10's `mrt inject` loses the last few hundred of 10,000 paths when it reads a plain file: it ends the stream at
# end of file and exits before gobgpd has taken the tail (measured here: 9,687-9,951 of 10,000). Fed through a FIFO
# that stays open until the receiver holds them all, it keeps the stream open and every path arrives; the CLI's start
# and the file's parsing still count in the time.
announce_gobgp() {
  rm -f "$work/inject.mrt"
  mkfifo "$work/inject.mrt"
  ip netns exec "${sender_ns[gobgp]}" gobgp mrt inject global --no-ipv4 \
    --nexthop "2001:db8:bb:${sender_index[gobgp]}::2" "$work/inject.mrt" >>"$work/tx-gobgp-inject.log" 2>&1 &
  inject_pid=$!
  exec {inject_fd}<>"$work/inject.mrt"
  cat "$work/routes.mrt" >&"$inject_fd" &
}
announced_gobgp() { # called once the receiver holds them all: end of file for the CLI
  exec {inject_fd}>&-
  wait "$inject_pid"
}
withdraw_gobgp() { ip netns exec "${sender_ns[gobgp]}" gobgp global rib -a ipv6 del all >/dev/null; }

start_bird_sender() { # ns index
  local ns=$1 i=$2
  {
    echo "router id 203.0.113.2$i;"
    echo "protocol device {}"
    cat "$work/static.conf"
    echo "protocol bgp receiver { local as $asn; neighbor 2001:db8:bb:$i::1 as $asn; direct; connect delay time 1;"
    echo "  ipv6 { import none; export where proto = \"announced\"; next hop self; }; }"
  } >"$work/tx-bird.conf"
  ip netns exec "$ns" bird -f -c "$work/tx-bird.conf" -s "$work/tx-bird.ctl" -P "$work/tx-bird.pid" \
    >"$work/tx-bird.log" 2>&1 &
  pids+=($!); sender_pid[bird]=$!
  wait_for "the sending BIRD" birdc -s "$work/tx-bird.ctl" show status
}
announce_bird() { birdc -s "$work/tx-bird.ctl" enable announced >/dev/null; }
withdraw_bird() { birdc -s "$work/tx-bird.ctl" disable announced >/dev/null; }

# ---- HOOK: our native speaker as the sender ------------------------------------------------------------------------------
# Runs OUR_SENDER_CMD (a shell command line, exec'd so its PID is the speaker's) inside the sender namespace with:
#   OUR_LOCAL_ADDRESS  2001:db8:bb:I::2 (its address on the veth, also the next hop to send)
#   OUR_PEER_ADDRESS   2001:db8:bb:I::1 (the receiver; our speaker dials it)
#   OUR_LOCAL_AS, OUR_PEER_AS  64500 (iBGP)    OUR_ROUTER_ID  203.0.113.2I
#   OUR_PREFIXES       a file with the N prefixes, one "2001:db8:100::HI:LO/128" a line
# Its standard input is a pipe that carries one command a line: "announce" (send all N prefixes), "withdraw" (withdraw
# them all); end of input means exit. Its output goes to $work/tx-ours.log. Without OUR_SENDER_CMD, "ours" is skipped.
start_ours_sender() { # ns index
  local ns=$1 i=$2
  mkfifo "$work/ours.in"
  ip netns exec "$ns" env OUR_LOCAL_ADDRESS="2001:db8:bb:$i::2" OUR_PEER_ADDRESS="2001:db8:bb:$i::1" \
    OUR_LOCAL_AS="$asn" OUR_PEER_AS="$asn" OUR_ROUTER_ID="203.0.113.2$i" OUR_PREFIXES="$work/prefixes.txt" \
    bash -c "exec $OUR_SENDER_CMD" <"$work/ours.in" >"$work/tx-ours.log" 2>&1 &
  pids+=($!); sender_pid[ours]=$!
  exec {our_fd}>"$work/ours.in"
}
announce_ours() { echo announce >&"$our_fd"; }
withdraw_ours() { echo withdraw >&"$our_fd"; }
stop_ours_sender() {
  exec {our_fd}>&-
  our_fd=""
  rm -f "$work/ours.in"
}
# ---- end of hook ---------------------------------------------------------------------------------------------------------

# Polls the receiver until its count satisfies the test ("-eq N" or "-eq 0"); prints the microseconds since t0.
wait_count() { # kind ns t0 op target
  local kind=$1 ns=$2 t0=$3 op=$4 target=$5 count deadline
  deadline=$(( $(now_us) + 120000000 ))
  while :; do
    count=$(receiver_count "$kind" "$ns")
    if [ "${count:-0}" "$op" "$target" ]; then
      echo $(( $(now_us) - t0 ))
      return 0
    fi
    if [ "$(now_us)" -gt "$deadline" ]; then
      echo "timed out: the $kind receiver holds ${count:-?} routes, waiting for $op $target" >&2
      return 1
    fi
    sleep "0.$(printf '%03d' "$poll_ms")"
  done
}

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) { print "-"; exit } m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; print m }'; }

remove_orphans
write_routes
senders=(gobgp bird)
[ -n "${OUR_SENDER_CMD:-}" ] && senders+=(ours)
sender_indexes=()
for i in "${!senders[@]}"; do sender_indexes+=($((i + 1))); done
results="$work/results.tsv"
: >"$results"

for receiver in $receivers; do
  declare -A sender_ns=() sender_index=() sender_pid=()
  rx="$tag-rx-$receiver"
  add_ns "$rx"
  for i in "${!senders[@]}"; do
    s=${senders[$i]}
    sender_index[$s]=$((i + 1))
    sender_ns[$s]="$tag-tx-$s"
    add_ns "${sender_ns[$s]}"
    link "$rx" "${sender_ns[$s]}" $((i + 1))
  done
  start_receiver "$receiver" "$rx"
  for s in "${senders[@]}"; do
    "start_${s}_sender" "${sender_ns[$s]}" "${sender_index[$s]}"
  done
  for s in "${senders[@]}"; do
    wait_for "$s to establish a session with the $receiver receiver" receiver_established "$receiver" "$rx" "${sender_index[$s]}"
  done
  echo "receiver $receiver: sessions up with ${senders[*]}" >&2

  for run in $(seq "$runs"); do
    for s in "${senders[@]}"; do
      [ "$(receiver_count "$receiver" "$rx")" -eq 0 ] || { echo "the $receiver receiver is not empty before $s run $run" >&2; exit 1; }
      t0=$(now_us); "announce_$s"
      up=$(wait_count "$receiver" "$rx" "$t0" -eq "$routes")
      if declare -F "announced_$s" >/dev/null; then "announced_$s"; fi
      rss=$(rss_kb "${sender_pid[$s]}")
      t0=$(now_us); "withdraw_$s"
      down=$(wait_count "$receiver" "$rx" "$t0" -eq 0)
      awk -v r="$receiver" -v s="$s" -v n="$run" -v up="$up" -v down="$down" -v rss="$rss" \
        'BEGIN { printf "%s\t%s\t%s\t%.1f\t%.1f\t%s\n", r, s, n, up / 1000, down / 1000, rss }' | tee -a "$results" >&2
    done
  done

  [ -n "$our_fd" ] && stop_ours_sender
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pids=()
  delete_namespaces
  rm -f "$work"/*.ctl "$work"/*.pid
done

{
  echo "# BGP routes: $routes IPv6 /128s, $runs runs, iBGP over a veth pair, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores"
  echo
  printf '%-9s %-7s %4s %14s %14s %14s\n' receiver sender run announce_ms withdraw_ms sender_rss_kb
  sort -k1,1 -k2,2 -k3,3n "$results" | awk -F'\t' '{ printf "%-9s %-7s %4s %14s %14s %14s\n", $1, $2, $3, $4, $5, $6 }'
  echo
  printf '%-9s %-7s %18s %18s %16s %14s %14s\n' receiver sender announce_med_ms withdraw_med_ms rss_med_kb \
    announce/gobgp withdraw/gobgp
  for receiver in $receivers; do
    base_up=$(awk -F'\t' -v r="$receiver" '$1 == r && $2 == "gobgp" { print $4 }' "$results" | median)
    base_down=$(awk -F'\t' -v r="$receiver" '$1 == r && $2 == "gobgp" { print $5 }' "$results" | median)
    for s in "${senders[@]}"; do
      up=$(awk -F'\t' -v r="$receiver" -v s="$s" '$1 == r && $2 == s { print $4 }' "$results" | median)
      down=$(awk -F'\t' -v r="$receiver" -v s="$s" '$1 == r && $2 == s { print $5 }' "$results" | median)
      rss=$(awk -F'\t' -v r="$receiver" -v s="$s" '$1 == r && $2 == s { print $6 }' "$results" | median)
      awk -v r="$receiver" -v s="$s" -v up="$up" -v down="$down" -v rss="$rss" -v bu="$base_up" -v bd="$base_down" \
        'BEGIN { printf "%-9s %-7s %18s %18s %16s %14.2f %14.2f\n", r, s, up, down, rss, up / bu, down / bd }'
    done
  done
} | tee "${out:-/dev/null}"
