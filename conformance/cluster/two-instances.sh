# Sourced by kill-node.sh and freeze-node.sh: a Redis of their own and two demo instances, a and
# b, in the cluster profile on it, with a short heartbeat so that presence notices a lost node
# within seconds. Sets $work (logs), $redis, $a and $b (process ids); the caller sets its trap.
jar=demo-app/target/wsboot-demo-app-0.1.0-SNAPSHOT.jar
work=$(mktemp -d)

# start_redis PORT [redis-server options]
start_redis() {
	local port=$1
	shift
	redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no "$@" >"$work/redis.log" 2>&1 &
	redis=$!
}

# start_instances REDIS_PORT A_HTTP_PORT A_WS_PORT B_HTTP_PORT B_WS_PORT [application options]
# Returns once both have started, or after two minutes.
start_instances() {
	local common=(--spring.profiles.active=cluster --spring.data.redis.port="$1" --ws.cluster.node-ttl=3s
		--ws.cluster.heartbeat=1s "${@:6}")
	java -jar "$jar" "${common[@]}" --ws.cluster.node-id=a --server.port="$2" --ws.port="$3" >"$work/a.log" 2>&1 &
	a=$!
	java -jar "$jar" "${common[@]}" --ws.cluster.node-id=b --server.port="$4" --ws.port="$5" >"$work/b.log" 2>&1 &
	b=$!
	for _ in $(seq 1 120); do
		grep -q "Started DemoApplication" "$work/a.log" && grep -q "Started DemoApplication" "$work/b.log" && break
		sleep 1
	done
}
