/**
 * The NIO transport: an acceptor thread, a few selector threads that own the sockets,
 * per-connection outbound queues, and ordered dispatch of handler calls to an executor.
 */
@NullMarked
package dev.wsboot.server.nio;

import org.jspecify.annotations.NullMarked;
