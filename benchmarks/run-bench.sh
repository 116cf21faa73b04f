#!/usr/bin/env bash
# Side-by-side load test: wsboot (A) against Netty (B) on this machine's loopback.
#
# Each round starts a fresh server pinned to CPU 0 (taskset -c 0), waits for its "READY port="
# line, runs the load generator pinned to CPU 1 (taskset -c 1), keeps its one JSON line, and
# stops the server. Rounds alternate the order (A B, then B A, ...) so a drift in machine speed
# does not favour one side. At the end: every round, the median score per server and the ratio
# of each side to the baseline (Netty; for json, wsboot's String echo). CPU time of both
# processes is printed so a reader sees who saturated.
#
# This script builds nothing. Build first, from the repository root:
#   ./mvnw -q -pl benchmarks -am package -DskipTests
#
# Examples:
#   benchmarks/run-bench.sh --scenario echo
#   benchmarks/run-bench.sh --scenario large --rounds 6 --jdk /usr/lib/jvm/temurin-25-jdk-amd64
#   benchmarks/run-bench.sh --scenario connect -- --connections 10000 --steps 1000,5000
#   benchmarks/run-bench.sh --scenario topic -- --subscribers 10000 --messages 100 --window 8
#   benchmarks/run-bench.sh --scenario json --only "wsboot wsboot-text wsboot-json"
#   benchmarks/run-bench.sh --scenario echo --jvm-flags "-Xms1g -Xmx1g -XX:+UseParallelGC" -- --duration 30s
# Everything after "--" goes to the load generator unchanged.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=lib/processes.sh
. "$here/lib/processes.sh"
jar="$here/target/benchmarks.jar"

scenario=echo
rounds=4
jvm_flags="-Xms512m -Xmx512m"
generator_jvm_flags="-Xms256m -Xmx256m"
jdk=""
base_port=9301
server_threads=1
max_message=$((2 * 1024 * 1024))
sides=""
baseline=""
tls=""
generator_args=()

usage() {
	sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'
	cat <<'EOF'
Options:
  --scenario S         echo | large | json | handshake | connect | partial-frame | broadcast | topic
                       (default echo)
  --rounds N           rounds, each running both servers (default 4)
  --jvm-flags "..."    server JVM flags (default "-Xms512m -Xmx512m"); connect and partial-frame
                       add -XX:+AlwaysPreTouch -XX:NativeMemoryTracking=summary, and need -Xms = -Xmx
  --gen-jvm-flags "."  load generator JVM flags (default "-Xms256m -Xmx256m")
  --jdk PATH           JDK home for servers and generator (default: java on the PATH)
  --port N             first port to try; each run takes the next free one (default 9301)
  --server-threads N   I/O threads of both servers (default 1: they get one core)
  --max-message N      largest message both servers accept (default 2097152)
  --tls ENGINE         wss instead of ws: jdk (the JDK's SSLEngine) or openssl (BoringSSL
                       through netty-tcnative), the same for both servers, with one
                       self-signed EC P-256 certificate made for the run (needs openssl)
  --only "SIDES"       the sides to run, of wsboot, wsboot-worker (handlers on the
                       worker executor instead of the I/O thread), wsboot-virtual
                       (handlers on virtual threads; JDK 21+), netty, and for json
                       wsboot-json (the typed @WsEndpoint on /json) and wsboot-text
                       (a String @WsEndpoint on /text); the other sides echo on /echo
                       (default "wsboot netty"; for json "wsboot wsboot-json")
  --baseline SIDE      the side the others are compared with (default netty; for json wsboot)
  -- ARGS              passed to the load generator
EOF
}

while (($#)); do
	case "$1" in
		--scenario) scenario="$2"; shift 2 ;;
		--rounds) rounds="$2"; shift 2 ;;
		--jvm-flags) jvm_flags="$2"; shift 2 ;;
		--gen-jvm-flags) generator_jvm_flags="$2"; shift 2 ;;
		--jdk) jdk="$2"; shift 2 ;;
		--port) base_port="$2"; shift 2 ;;
		--server-threads) server_threads="$2"; shift 2 ;;
		--max-message) max_message="$2"; shift 2 ;;
		--only) sides="$2"; shift 2 ;;
		--baseline) baseline="$2"; shift 2 ;;
		--tls) tls="$2"; shift 2 ;;
		--) shift; generator_args=("$@"); break ;;
		-h|--help) usage; exit 0 ;;
		*) echo "unknown option $1" >&2; usage >&2; exit 2 ;;
	esac
done

# json compares wsboot's typed endpoint with its own String echo on the same server, not with Netty.
if [[ "$scenario" == json ]]; then
	sides="${sides:-wsboot wsboot-json}"
	baseline="${baseline:-wsboot}"
fi
sides="${sides:-wsboot netty}"
baseline="${baseline:-netty}"

# Memory scenarios: the whole heap resident from the start, so that what the resident set grows by is
# native memory, and the JVM's native memory tracker on, to say where that went.
case "$scenario" in
	connect | partial-frame) jvm_flags="$jvm_flags -XX:+AlwaysPreTouch -XX:NativeMemoryTracking=summary" ;;
esac

java="${jdk:+$jdk/bin/}java"
command -v "$java" >/dev/null || { echo "no java at $java" >&2; exit 2; }
[[ -f "$jar" ]] || { echo "$jar is missing; build it: ./mvnw -q -pl benchmarks -am package -DskipTests" >&2; exit 2; }
command -v taskset >/dev/null || { echo "taskset (util-linux) is needed to pin the processes" >&2; exit 2; }
# 10 000 connections need 10 000 descriptors in each process; take what the hard limit allows.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
clock_ticks="$(getconf CLK_TCK)"

out_dir="$here/target/run-bench/$(date +%Y%m%d-%H%M%S)-$scenario${tls:+-tls-$tls}"
mkdir -p "$out_dir"

# TLS: one certificate for both servers, which the generator trusts.
tls_server_args=()
if [[ -n "$tls" ]]; then
	[[ "$tls" == jdk || "$tls" == openssl ]] || { echo "--tls is jdk or openssl, not $tls" >&2; exit 2; }
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=localhost \
		-addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout "$out_dir/tls.key" -out "$out_dir/tls.crt" 2>/dev/null \
		|| { echo "openssl could not make the run's certificate" >&2; exit 2; }
	tls_server_args=(--tls-cert "$out_dir/tls.crt" --tls-key "$out_dir/tls.key" --tls-engine "$tls")
	generator_args=(--tls "$out_dir/tls.crt" "${generator_args[@]}")
fi

server_main() {
	case "$1" in
		wsboot | wsboot-worker | wsboot-virtual | wsboot-json | wsboot-text) echo dev.wsboot.bench.peer.WsbootEchoServer ;;
		netty) echo dev.wsboot.bench.peer.NettyEchoServer ;;
		*) echo "unknown side $1" >&2; return 1 ;;
	esac
}

# The generator's --path for a side, where it is not the scenario's own: the json scenario sends
# the same JSON messages to the String echo (/echo), the typed endpoint (/json) or the String endpoint (/text).
generator_path() {
	case "$1" in
		*-json) echo --path /json ;;
		*-text) echo --path /text ;;
		*) [[ "$scenario" != json ]] || echo --path /echo ;;
	esac
}

# Extra server arguments: "wsboot-worker" is wsboot with its handlers on the worker executor.
server_args() {
	case "$1" in
		wsboot-worker) echo --inline false ;;
		wsboot-virtual) echo --inline false --virtual-threads true ;;
	esac
}


# The value of a numeric or boolean "key": in a JSON line (keys used here are unique in it).
json_field() {
	local value
	value="$(sed -nE "s/.*\"$1\":(\"[^\"]*\"|[-0-9.eE+]+|true|false|null).*/\1/p" <<<"$2" | tr -d '"' | tr ' ' '_')"
	echo "${value:--}"
}



server_pid=""
trap '[[ -n "$server_pid" ]] && stop_process "$server_pid"' EXIT

# Runs one side once; appends "side score unit higher errors gen_cpu server_cpu wall gen_cores server_cores rc" to the table.
run_once() {
	local side="$1" round="$2" port="$3"
	local log="$out_dir/round$round-$side"
	# shellcheck disable=SC2086
	taskset -c 0 "$java" $jvm_flags -cp "$jar" "$(server_main "$side")" \
		--port "$port" --path /echo --max-message "$max_message" --threads "$server_threads" $(server_args "$side") \
		"${tls_server_args[@]}" \
		>"$log.server.out" 2>"$log.server.err" &
	server_pid=$!
	local ready=""
	for _ in $(seq 1 300); do
		ready="$(grep -m1 -oE 'READY port=[0-9]+' "$log.server.out" 2>/dev/null || true)"
		[[ -n "$ready" ]] && break
		kill -0 "$server_pid" 2>/dev/null || break
		sleep 0.1
	done
	if [[ -z "$ready" ]]; then
		echo "$side did not print READY within 30 s; see $log.server.err" >&2
		stop_process "$server_pid"; server_pid=""
		return 1
	fi
	port="${ready#READY port=}"
	local cpu_before rc=0
	cpu_before="$(cpu_ticks "$server_pid")"
	# shellcheck disable=SC2086
	taskset -c 1 "$java" $generator_jvm_flags -cp "$jar" dev.wsboot.bench.load.LoadGenerator \
		--scenario "$scenario" --port "$port" --server-pid "$server_pid" $(generator_path "$side") "${generator_args[@]}" \
		>"$log.json" 2>"$log.generator.err" || rc=$?
	local cpu_after
	cpu_after="$(cpu_ticks "$server_pid")"
	stop_process "$server_pid"; server_pid=""

	local line
	line="$(tail -n 1 "$log.json")"
	local server_cpu
	server_cpu="$(awk -v a="$cpu_before" -v b="$cpu_after" -v t="$clock_ticks" 'BEGIN { printf "%.2f", (b - a) / t }')"
	printf '%s %s %s %s %s %s %s %s %s %s %s\n' "$side" \
		"$(json_field score "$line")" "$(json_field score_unit "$line")" "$(json_field higher_is_better "$line")" \
		"$(json_field total "$line")" "$(json_field generator_total_cpu_s "$line")" "$server_cpu" \
		"$(json_field generator_total_wall_s "$line")" "$(json_field generator_cores "$line")" \
		"$(json_field server_cores "$line")" "$rc" >>"$out_dir/table"
	echo "$line" >>"$out_dir/results.jsonl"
	if [[ "$line" == *'"memory_bytes_per_connection":'* ]]; then
		printf '%s %s %s %s %s %s\n' "$side" "$(json_field live_heap_bytes_per_connection "$line")" \
			"$(json_field native_bytes_per_connection "$line")" "$(json_field memory_bytes_per_connection "$line")" \
			"$(json_field rss_bytes_per_connection "$line")" \
			"$(json_field last_step_memory_bytes_per_connection "$line")" >>"$out_dir/memory"
	fi
}

for side in $sides; do server_main "$side" >/dev/null || exit 2; done
echo "scenario $scenario${tls:+ over TLS ($tls engines)}, $rounds rounds, sides: $sides (baseline $baseline), server JVM: $jvm_flags, java: $("$java" -version 2>&1 | head -n 1)"
echo "generator args: ${generator_args[*]:-(defaults)}; logs in $out_dir"
: >"$out_dir/table"
: >"$out_dir/memory"
read -r -a side_list <<<"$sides"
port="$base_port"
for round in $(seq 1 "$rounds"); do
	order=("${side_list[@]}")
	if ((round % 2 == 0)); then
		# Even rounds run the sides in reverse order, so a drifting machine favours no one.
		order=()
		for ((i = ${#side_list[@]} - 1; i >= 0; i--)); do order+=("${side_list[i]}"); done
	fi
	for side in "${order[@]}"; do
		echo "round $round: $side ..." >&2
		port="$(free_port "$port")"
		memory_lines="$(wc -l <"$out_dir/memory")"
		run_once "$side" "$round" "$port" || echo "$side 0 - - - - - - - - failed" >>"$out_dir/table"
		port=$((port + 1))
		awk -v r="$round" 'END { printf "round %-2s %-13s score %-14s %-15s errors %-4s gen cpu %6ss  server cpu %6ss  wall %6ss  window cores: gen %-5s server %-5s rc %s\n", r, $1, $2, $3, $5, $6, $7, $8, $9, $10, $11 }' "$out_dir/table"
		if (($(wc -l <"$out_dir/memory") > memory_lines)); then
			awk -v r="$round" 'END { printf "round %-2s %-13s per connection: live heap %.0f B, native %.0f B, sum %.0f B (VmRSS %.0f B; last step alone %.0f B)\n", r, $1, $2, $3, $4, $5, $6 }' "$out_dir/memory"
		fi
	done
done

echo
awk -v scenario="$scenario" -v baseline="$baseline" '
	$11 == "failed" { next }
	{ n[$1]++; score[$1, n[$1]] = $2; unit = $3; higher = $4; gen[$1] += $6; srv[$1] += $7; wall[$1] += $8 }
	function median(side,   i, j, t, m, v) {
		m = n[side]
		for (i = 1; i <= m; i++) v[i] = score[side, i] + 0
		for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
		return (m % 2) ? v[(m + 1) / 2] : (v[m / 2] + v[m / 2 + 1]) / 2
	}
	END {
		for (side in n) {
			med[side] = median(side)
			printf "median %-13s %14.3f %s over %d rounds; CPU per run: generator %.2fs, server %.2fs, wall %.2fs\n", side, med[side], unit, n[side], gen[side] / n[side], srv[side] / n[side], wall[side] / n[side]
		}
		for (side in med) {
			if (side != baseline && (baseline in med) && med[baseline] != 0) {
				printf "ratio %s/%s (%s): %.3f (%s is better)\n", side, baseline, scenario, med[side] / med[baseline], (higher == "true") ? "higher" : "lower"
			}
		}
	}' "$out_dir/table"
if [[ -s "$out_dir/memory" ]]; then
	# Per connection: live heap after a full GC, native growth (RssAnon minus the pre-touched heap), their sum;
	# then the same sum over the last step's connections alone, which leaves out one-off costs of the first
	# ones (compiled code, tables sized once), the noisiest part of the native growth.
	awk -v baseline="$baseline" '
		{ n[$1]++; for (c = 2; c <= 6; c++) v[$1, c, n[$1]] = $c + 0 }
		function median(side, c,   i, j, t, m, a) {
			m = n[side]
			for (i = 1; i <= m; i++) a[i] = v[side, c, i]
			for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
			return (m % 2) ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2
		}
		END {
			for (side in n) {
				sum[side] = median(side, 4)
				step[side] = median(side, 6)
				printf "median %-13s per connection: live heap %7.0f B, native %7.0f B, sum %7.0f B (VmRSS %7.0f B; last step alone %7.0f B) over %d rounds\n", side, median(side, 2), median(side, 3), sum[side], median(side, 5), step[side], n[side]
			}
			for (side in sum) {
				if (side != baseline && (baseline in sum) && sum[baseline] != 0) {
					printf "ratio %s/%s (memory per connection, live heap + native): %.3f (lower is better)\n", side, baseline, sum[side] / sum[baseline]
					if (step[baseline] > 0) {
						printf "ratio %s/%s (the same over the last step alone): %.3f\n", side, baseline, step[side] / step[baseline]
					}
				}
			}
		}' "$out_dir/memory"
fi
echo "JSON lines: $out_dir/results.jsonl"
