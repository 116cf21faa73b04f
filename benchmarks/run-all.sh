#!/usr/bin/env bash
# Every side-by-side scenario of the README's Performance table, one after the other.
# Build first: ./mvnw -q -pl benchmarks -am package -DskipTests
# Usage: benchmarks/run-all.sh [--rounds N] [--jdk PATH]   (options go to every run-bench.sh call)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
run() { echo; echo "### $*"; "$here/run-bench.sh" "$@" 2>&1 | grep -E '^(scenario|round [0-9]|median|ratio)'; }
common=(--rounds 3 "$@")
run --scenario echo --only "wsboot wsboot-worker netty" "${common[@]}" -- --duration 8s --warmup 3s
run --scenario echo "${common[@]}" -- --connections 1000 --in-flight 1 --duration 8s --warmup 3s
run --scenario handshake "${common[@]}" -- --concurrency 16 --duration 8s --warmup 3s
run --scenario large "${common[@]}" -- --duration 8s --warmup 3s
run --scenario broadcast "${common[@]}" -- --subscribers 10000 --messages 50
run --scenario broadcast "${common[@]}" -- --subscribers 10000 --messages 100 --window 8
# The same fan-out through topics: wsboot's DefaultWsTopics against a Netty ChannelGroup per topic.
run --scenario topic "${common[@]}" -- --subscribers 10000 --messages 50
run --scenario topic "${common[@]}" -- --subscribers 10000 --messages 100 --window 8
# A 100-byte JSON record echoed by a typed @WsEndpoint, against the String echo of the same server.
run --scenario json --only "wsboot wsboot-text wsboot-json" "${common[@]}" -- --duration 8s --warmup 10s
# One client process reaches at most its file-descriptor limit (20,000 here): 19,000 idle connections.
run --scenario connect "${common[@]}" -- --connections 19000 --steps 1000,5000,10000 --settle 3s
# A hostile client per connection: a frame header declaring 65,535 payload bytes, one byte of it, then silence.
run --scenario partial-frame "${common[@]}" -- --connections 10000 --steps 1000,5000
# The same peers over TLS (wss), both with the JDK's SSLEngine, then both with BoringSSL (netty-tcnative).
run --scenario echo --tls jdk "${common[@]}" -- --duration 8s --warmup 3s
run --scenario handshake --tls jdk "${common[@]}" -- --concurrency 16 --duration 8s --warmup 3s
run --scenario large --tls jdk "${common[@]}" -- --duration 8s --warmup 3s
# The client side of 5,000 TLS connections needs more than the generator's default heap.
run --scenario connect --tls jdk --gen-jvm-flags "-Xms1g -Xmx1g" "${common[@]}" -- --connections 5000 --steps 1000,5000 --settle 3s
run --scenario echo --tls openssl "${common[@]}" -- --duration 8s --warmup 3s
run --scenario handshake --tls openssl "${common[@]}" -- --concurrency 16 --duration 8s --warmup 3s
