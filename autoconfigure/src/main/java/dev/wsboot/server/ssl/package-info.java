/**
 * TLS for the WebSocket server without Spring: where each connection's {@code SSLEngine}
 * comes from, and whether clients present certificates. The engine is driven by the NIO
 * transport in {@code server.nio}; the Spring glue builds these from SSL bundles.
 */
@NullMarked
package dev.wsboot.server.ssl;

import org.jspecify.annotations.NullMarked;
