/**
 * The server abstractions the application and the Spring glue see: sessions, handlers,
 * routes, the server and its factory. The NIO implementation lives in {@code server.nio}.
 */
@NullMarked
package dev.wsboot.server;

import org.jspecify.annotations.NullMarked;
