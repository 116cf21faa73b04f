#!/usr/bin/env bash
# Topic fan-out across a cluster of wsboot nodes on Redis, against one node alone: a redis-server of
# its own, wsboot nodes (dev.wsboot.bench.peer.WsbootClusterNode) and the load generator's topic
# scenario, whose publisher is on node A and whose subscribers are on A alone, or spread over A and B.
# Prints one line per run (deliveries/s, publish-to-deliver latency, CPU of every process), then the
# medians and the ratios to one node alone. See benchmarks/README.md, "Cluster on Redis".
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib/processes.sh
. "$here/lib/processes.sh"
jar="$here/target/benchmarks.jar"

rounds=2
subscriber_counts="10000"
messages=200
warmup_messages=50
window=1
sides="one one-redis two"
jvm_flags="-Xms512m -Xmx512m"
generator_jvm_flags=""
jdk=""
base_port=9501
node_cpus="0 0"
redis_cpu=0
generator_cpu=1
local_delivery=direct
settle=2s
generator_args=()

usage() {
	cat <<'EOF'
usage: benchmarks/run-cluster-bench.sh [options] [-- generator args]
  --subscribers "N ..."  subscriber counts, each run in turn (default "10000")
  --messages N           measured messages per run (default 200)
  --warmup-messages N    messages sent first, not measured (default 50)
  --window W             messages not yet everywhere that the publisher may have (default 1: lock-step)
  --rounds N             runs of each side per subscriber count (default 2; sides alternate order)
  --sides "SIDES"        of: one (node A, no Redis), one-redis (node A with the cluster on, alone on
                         Redis), two (nodes A and B on Redis, the subscribers alternating between
                         them, the publisher on A) (default "one one-redis two")
  --local-delivery D     direct or via-broker: how a node's own subscribers get what is published
                         there (ws.cluster.local-delivery; default direct)
  --node-cpus "A B"      CPUs of nodes A and B for taskset (default "0 0")
  --redis-cpu N          CPU of redis-server (default 0)
  --generator-cpu N      CPU of the load generator (default 1)
  --jvm-flags "FLAGS"    JVM flags of the nodes (default "-Xms512m -Xmx512m")
  --gen-jvm-flags "F"    JVM flags of the load generator (default none)
  --jdk PATH             JDK home for nodes and generator (default: java on the PATH)
  --port N               first port to try for Redis (default 9501; the nodes take ports the system picks)
  --settle D             wait after connecting, before the first message (default 2s; a node
                         subscribes to Redis a moment after its first subscriber arrives)
  -- ARGS                passed to the load generator
EOF
}

while (($#)); do
	case "$1" in
		--subscribers) subscriber_counts="$2"; shift 2 ;;
		--messages) messages="$2"; shift 2 ;;
		--warmup-messages) warmup_messages="$2"; shift 2 ;;
		--window) window="$2"; shift 2 ;;
		--rounds) rounds="$2"; shift 2 ;;
		--sides) sides="$2"; shift 2 ;;
		--local-delivery) local_delivery="$2"; shift 2 ;;
		--node-cpus) node_cpus="$2"; shift 2 ;;
		--redis-cpu) redis_cpu="$2"; shift 2 ;;
		--generator-cpu) generator_cpu="$2"; shift 2 ;;
		--jvm-flags) jvm_flags="$2"; shift 2 ;;
		--gen-jvm-flags) generator_jvm_flags="$2"; shift 2 ;;
		--jdk) jdk="$2"; shift 2 ;;
		--port) base_port="$2"; shift 2 ;;
		--settle) settle="$2"; shift 2 ;;
		--) shift; generator_args=("$@"); break ;;
		-h|--help) usage; exit 0 ;;
		*) echo "unknown option $1" >&2; usage >&2; exit 2 ;;
	esac
done

read -r node_a_cpu node_b_cpu <<<"$node_cpus"
node_b_cpu="${node_b_cpu:-$node_a_cpu}"
for side in $sides; do
	case "$side" in one | one-redis | two) ;; *) echo "unknown side $side" >&2; exit 2 ;; esac
done
java="${jdk:+$jdk/bin/}java"
command -v "$java" >/dev/null || { echo "no java at $java" >&2; exit 2; }
[[ -f "$jar" ]] || { echo "$jar is missing; build it: ./mvnw -q -pl benchmarks -am package -DskipTests" >&2; exit 2; }
for tool in taskset redis-server redis-cli jq; do
	command -v "$tool" >/dev/null || { echo "$tool is needed (util-linux, redis-server, redis-tools, jq)" >&2; exit 2; }
done
# 10 000 connections need 10 000 descriptors in the generator and in a node; take what the hard limit allows.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
clock_ticks="$(getconf CLK_TCK)"

out_dir="$here/target/run-cluster-bench/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out_dir"


seconds_between() {
	awk -v a="$1" -v b="$2" -v t="$clock_ticks" 'BEGIN { printf "%.2f", (b - a) / t }'
}



running_pids=()
cleanup() {
	local pid
	for pid in "${running_pids[@]}"; do
		stop_process "$pid"
	done
}
trap cleanup EXIT

# Stops the nodes of a run, leaving Redis.
cleanup_nodes() {
	local pid
	for pid in "${running_pids[@]}"; do
		[[ "$pid" == "$redis_pid" ]] || stop_process "$pid"
	done
	running_pids=("$redis_pid")
}

# Redis, for the whole script: its own port, nothing saved, pinned to its CPU.
redis_pid=""
redis_port="$(free_port "$base_port")"
taskset -c "$redis_cpu" redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no \
	--daemonize no --logfile "$out_dir/redis.log" &
redis_pid=$!
running_pids+=("$redis_pid")
for _ in $(seq 1 100); do
	[[ "$(redis-cli -p "$redis_port" ping 2>/dev/null)" == PONG ]] && break
	kill -0 "$redis_pid" 2>/dev/null || { echo "redis-server did not start; see $out_dir/redis.log" >&2; exit 1; }
	sleep 0.1
done
[[ "$(redis-cli -p "$redis_port" ping 2>/dev/null)" == PONG ]] || { echo "redis-server did not answer PING" >&2; exit 1; }

# Starts a node pinned to CPU $3, on a port the system picks, and sets started_pid; $4 is the
# Redis port, or empty for a node without a cluster.
start_node() {
	local name="$1" log="$2" cpu="$3" redis="$4"
	local cluster_args=()
	[[ -z "$redis" ]] || cluster_args=(--redis-port "$redis" --node-id "$name" --local-delivery "$local_delivery")
	# shellcheck disable=SC2086
	taskset -c "$cpu" "$java" $jvm_flags -cp "$jar" dev.wsboot.bench.peer.WsbootClusterNode \
		--port 0 --threads 1 "${cluster_args[@]}" >"$log.out" 2>"$log.err" &
	started_pid=$!
	running_pids+=("$started_pid")
}

await_ready() {
	local pid="$1" log="$2" ready=""
	for _ in $(seq 1 300); do
		ready="$(grep -m1 -oE 'READY port=[0-9]+' "$log.out" 2>/dev/null || true)"
		[[ -n "$ready" ]] && { echo "${ready#READY port=}"; return 0; }
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	echo "node did not print READY within 30 s; see $log.err" >&2
	return 1
}

# Runs one side once; appends a line to the table:
# side subscribers score p50 p99 p50_a p99_a p50_b p99_b gen_cores a_cores b_cores redis_cores
# a_cpu b_cpu redis_cpu errors gaps rc
run_once() {
	local side="$1" subscribers="$2" round="$3"
	local log="$out_dir/$subscribers-round$round-$side"
	local redis="" b_pid="" a_pid a_port b_port=""
	[[ "$side" == one ]] || redis="$redis_port"
	start_node a "$log.node-a" "$node_a_cpu" "$redis"
	a_pid="$started_pid"
	if [[ "$side" == two ]]; then
		start_node b "$log.node-b" "$node_b_cpu" "$redis"
		b_pid="$started_pid"
	fi
	a_port="$(await_ready "$a_pid" "$log.node-a")" || { cleanup_nodes; return 1; }
	if [[ -n "$b_pid" ]]; then
		b_port="$(await_ready "$b_pid" "$log.node-b")" || { cleanup_nodes; return 1; }
	fi

	local ports="$a_port" watch=()
	if [[ -n "$b_pid" ]]; then
		ports="$a_port,$b_port"
		watch=(--watch-pids "node_b=$b_pid,redis=$redis_pid")
	elif [[ -n "$redis" ]]; then
		watch=(--watch-pids "redis=$redis_pid")
	fi
	local a_before b_before=0 redis_before rc=0
	a_before="$(cpu_ticks "$a_pid")"
	[[ -z "$b_pid" ]] || b_before="$(cpu_ticks "$b_pid")"
	redis_before="$(cpu_ticks "$redis_pid")"
	# shellcheck disable=SC2086
	taskset -c "$generator_cpu" "$java" $generator_jvm_flags -cp "$jar" dev.wsboot.bench.load.LoadGenerator \
		--scenario topic --port "$a_port" --subscriber-ports "$ports" --server-pid "$a_pid" "${watch[@]}" \
		--subscribers "$subscribers" --messages "$messages" --warmup-messages "$warmup_messages" --window "$window" \
		--settle "$settle" "${generator_args[@]}" >"$log.json" 2>"$log.generator.err" || rc=$?
	local a_after b_after=0 redis_after
	a_after="$(cpu_ticks "$a_pid")"
	[[ -z "$b_pid" ]] || b_after="$(cpu_ticks "$b_pid")"
	redis_after="$(cpu_ticks "$redis_pid")"
	cleanup_nodes

	local line gaps
	line="$(tail -n 1 "$log.json")"
	echo "$line" >>"$out_dir/results.jsonl"
	# Gaps the nodes' receivers counted (messages Redis did not deliver to them).
	gaps="$(cat "$log".node-*.out | sed -nE 's/.*CLUSTER .* gaps=([0-9]+) .*/\1/p' | awk '{ s += $1 } END { print s + 0 }')"
	[[ -n "$redis" ]] || gaps="-"
	jq -r --arg a "$a_port" --arg b "$b_port" --arg side "$side" --arg subscribers "$subscribers" \
		--arg a_cpu "$(seconds_between "$a_before" "$a_after")" \
		--arg b_cpu "$( [[ -n "$b_pid" ]] && seconds_between "$b_before" "$b_after" || echo -)" \
		--arg redis_cpu "$( [[ -n "$redis" ]] && seconds_between "$redis_before" "$redis_after" || echo -)" \
		--arg gaps "$gaps" --arg rc "$rc" '
		def num: if . == null then "-" else tostring end;
		[$side, $subscribers, (.score | num), (.latency.p50_us | num), (.latency.p99_us | num),
		 (.latency_by_port[$a].p50_us | num), (.latency_by_port[$a].p99_us | num),
		 (.latency_by_port[$b].p50_us | num), (.latency_by_port[$b].p99_us | num),
		 (.window.generator_cores | num), (.window.server_cores | num),
		 (.window.watched.node_b.cores | num), (.window.watched.redis.cores | num),
		 $a_cpu, $b_cpu, $redis_cpu, (.errors.total | num), $gaps, $rc] | join(" ")' <<<"$line" >>"$out_dir/table"
}

echo "cluster bench: sides $sides, subscribers $subscriber_counts, $messages messages after $warmup_messages to warm up," \
	"window $window, local delivery $local_delivery, $rounds rounds"
echo "pinned: node A on CPU $node_a_cpu, node B on CPU $node_b_cpu, redis-server on CPU $redis_cpu," \
	"generator on CPU $generator_cpu; node JVM: $jvm_flags; java: $("$java" -version 2>&1 | head -n 1);" \
	"redis: $(redis-server --version | cut -d' ' -f3)"
echo "generator args: ${generator_args[*]:-(none)}; logs in $out_dir"
: >"$out_dir/table"
read -r -a side_list <<<"$sides"
for subscribers in $subscriber_counts; do
	for round in $(seq 1 "$rounds"); do
		order=("${side_list[@]}")
		if ((round % 2 == 0)); then
			# Even rounds run the sides in reverse order, so a drifting machine favours no one.
			order=()
			for ((i = ${#side_list[@]} - 1; i >= 0; i--)); do order+=("${side_list[i]}"); done
		fi
		for side in "${order[@]}"; do
			echo "$subscribers subscribers, round $round: $side ..." >&2
			run_once "$side" "$subscribers" "$round" \
				|| echo "$side $subscribers - - - - - - - - - - - - - - - - failed" >>"$out_dir/table"
			awk -v r="$round" 'END { printf "%-9s subs %-6s round %s: %12s deliveries/s  latency p50 %9s us p99 %9s us" \
				" (A: %s / %s, B: %s / %s)  window cores: gen %s A %s B %s redis %s  run CPU s: A %s B %s redis %s" \
				"  errors %s gaps %s rc %s\n", $1, $2, r, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,
				$17, $18, $19 }' "$out_dir/table"
		done
	done
done

echo
awk '
	$19 == "failed" { next }
	{ key = $1 " " $2; n[key]++; score[key, n[key]] = $3; p50[key, n[key]] = $4; p99[key, n[key]] = $5
	  p50a[key, n[key]] = $6; p99a[key, n[key]] = $7; p50b[key, n[key]] = $8; p99b[key, n[key]] = $9
	  redis[key, n[key]] = $13; errors[key] += $17; subs[$2] = 1 }
	function median(array, key,   i, j, t, m, v) {
		m = n[key]
		for (i = 1; i <= m; i++) v[i] = array[key, i] + 0
		for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
		return (m % 2) ? v[(m + 1) / 2] : (v[m / 2] + v[m / 2 + 1]) / 2
	}
	END {
		for (key in n) {
			split(key, k, " ")
			med[key] = median(score, key)
			printf "median %-9s %6s subscribers: %12.0f deliveries/s, latency p50 %9.1f us, p99 %9.1f us", k[1], k[2], med[key], median(p50, key), median(p99, key)
			if (k[1] == "two") printf " (subscribers on A: p50 %.1f us, p99 %.1f us; on B: p50 %.1f us, p99 %.1f us)", median(p50a, key), median(p99a, key), median(p50b, key), median(p99b, key)
			if (k[1] != "one") printf ", redis %.3f cores", median(redis, key)
			printf " over %d runs, %d errors\n", n[key], errors[key]
		}
		for (s in subs) {
			base = "one " s
			if (!(base in med) || med[base] == 0) continue
			for (key in med) {
				split(key, k, " ")
				if (k[2] == s && k[1] != "one") {
					printf "ratio %s/one at %s subscribers: deliveries/s %.3f, latency p50 %.3f, p99 %.3f\n", k[1], s, med[key] / med[base], median(p50, key) / median(p50, base), median(p99, key) / median(p99, base)
				}
			}
		}
	}' "$out_dir/table"
echo "JSON lines: $out_dir/results.jsonl"
