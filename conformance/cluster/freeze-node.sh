#!/usr/bin/env bash
# Two demo instances and a Redis of their own; instance B is frozen with kill -STOP while A's
# room keeps talking, until Redis cuts B's subscription off (its pub/sub output buffer limit,
# 256 KB here), then B is resumed with kill -CONT. B reconnects and resubscribes, reports the
# messages it missed as a gap (a WARN line, ws.cluster.gaps), and its cluster health goes from
# DOWN back to UP. Two JVMs on a small machine: run by hand, after
#   ./mvnw -pl demo-app -am package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=two-instances.sh
. conformance/cluster/two-instances.sh
start_redis "${REDIS_PORT:-6398}" --client-output-buffer-limit "pubsub 256kb 64kb 1"
trap 'kill -CONT ${b:-} 2>/dev/null || true; kill $redis ${a:-} ${b:-} ${stay:-} 2>/dev/null || true' EXIT
start_instances "${REDIS_PORT:-6398}" 28180 28181 28190 28191 --management.endpoint.health.show-details=always
health() {
	curl -s "localhost:$1/actuator/health" | python3 -c 'import json, sys
print(json.load(sys.stdin).get("components", {}).get("wsCluster", {}).get("status", "?"))' 2>/dev/null || echo "?"
}
gaps() {
	curl -s "localhost:$1/actuator/metrics/ws.cluster.gaps" | python3 -c 'import json, sys
print(int(json.load(sys.stdin)["measurements"][0]["value"]))' 2>/dev/null || echo "?"
}
java conformance/cluster/RoomTraffic.java stay 28191 bea >"$work/stay.log" 2>&1 &
stay=$!
until grep -q "stays" "$work/stay.log"; do sleep 0.5; done
java conformance/cluster/RoomTraffic.java say 28181 5 ann
echo "Before the freeze: B's cluster health $(health 28190), gaps $(gaps 28190)"

kill -STOP $b
echo "B frozen; A's room talks on"
# Enough to pass the loopback socket buffers, which take megabytes before Redis sees a backlog.
java conformance/cluster/RoomTraffic.java say 28181 20000 ann
for _ in $(seq 1 30); do
	grep -q "output buffer limits" "$work/redis.log" && break
	sleep 1
done
grep "output buffer limits" "$work/redis.log" | tail -1 || { echo "FAIL: Redis did not cut B off"; exit 1; }

kill -CONT $b
echo "B resumed"
down_seen=""
for _ in $(seq 1 240); do
	status=$(health 28190)
	[[ "$status" == DOWN ]] && down_seen=yes
	grep -q "reconnected to Redis" "$work/b.log" && [[ "$status" == UP ]] && break
	sleep 0.5
done
grep "lost its Redis subscription\|reconnected to Redis" "$work/b.log" | sed 's/^.*: Cluster/Cluster/' || true
echo "B's cluster health after the reconnect: $(health 28190); logs in $work"
# A message after the reconnect shows B the jump in A's sequence: the gap.
java conformance/cluster/RoomTraffic.java say 28181 1 ann
for _ in $(seq 1 20); do
	grep -q "missed" "$work/b.log" && break
	sleep 0.5
done
grep "missed" "$work/b.log" | sed 's/^.*: Cluster/Cluster/' | tail -1 || { echo "FAIL: B reported no gap"; exit 1; }
echo "After: B's cluster health $(health 28190) (DOWN seen while resuming: ${down_seen:-no}), gaps $(gaps 28190)"
[[ "$(health 28190)" == UP ]] || { echo "FAIL: B's cluster health is not UP again"; exit 1; }
echo "OK: B was cut off while frozen, came back, resubscribed and reported the gap"
