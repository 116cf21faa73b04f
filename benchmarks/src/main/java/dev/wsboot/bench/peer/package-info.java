/**
 * The two servers of the side-by-side benchmarks, with the same endpoints and options:
 * {@link dev.wsboot.bench.peer.WsbootEchoServer} on wsboot's engine and
 * {@link dev.wsboot.bench.peer.NettyEchoServer} on Netty. Each prints {@code READY port=N}
 * once it listens.
 */
package dev.wsboot.bench.peer;
