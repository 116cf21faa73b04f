#!/usr/bin/env bash
# Two demo instances and a Redis of their own: a room crosses them, then instance B is killed
# with kill -9. Instance A keeps serving its clients, and presence drops B and its users once
# B's heartbeat expires (ws.cluster.node-ttl, 15 s by default; 3 s here). Too slow and too
# heavy for every CI run (two JVMs on 2 cores): run it by hand, after
#   ./mvnw -pl demo-app -am package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=two-instances.sh
. conformance/cluster/two-instances.sh
start_redis "${REDIS_PORT:-6399}"
trap 'kill $redis ${a:-} ${b:-} 2>/dev/null || true' EXIT
start_instances "${REDIS_PORT:-6399}" 28080 28081 28090 28091
java conformance/cluster/RoomsAcrossInstances.java 28081 28091
# A member stays in lobby on B while B dies.
(java conformance/cluster/RoomsAcrossInstances.java 28091 28081 >/dev/null 2>&1 || true) &
sleep 3
echo "Online before the kill: $(curl -s localhost:28080/online)"
kill -9 $b
killed=$(date +%s)
until curl -s localhost:28080/online | grep -q '"nodes":\["a"\]'; do
	sleep 0.5
	if (( $(date +%s) - killed > 30 )); then echo "FAIL: B still listed 30 s after kill -9"; exit 1; fi
done
echo "B dropped out of presence $(( $(date +%s) - killed )) s after kill -9: $(curl -s localhost:28080/online)"
echo "A still serves: $(curl -s localhost:28080/actuator/health | grep -o '"wsCluster":{[^}]*}[^}]*}')"
