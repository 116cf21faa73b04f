/**
 * A WebSocket load generator on plain NIO: real upgrade handshakes, masked client frames,
 * an incremental parser for server frames and a check of every echoed byte.
 * {@link dev.wsboot.bench.load.LoadGenerator} is the entry point.
 */
package dev.wsboot.bench.load;
