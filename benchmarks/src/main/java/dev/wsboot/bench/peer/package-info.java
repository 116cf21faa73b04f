/**
 * The two servers of the side-by-side benchmarks, with the same endpoints and options:
 * {@link dev.wsboot.bench.peer.WsbootEchoServer} on wsboot's engine and
 * {@link dev.wsboot.bench.peer.NettyEchoServer} on Netty. Each prints {@code READY port=N}
 * once it listens. {@link dev.wsboot.bench.peer.WsbootClusterNode} is one node of the
 * cluster benchmark: the topic endpoint, its topics relayed through Redis.
 */
package dev.wsboot.bench.peer;
