/**
 * Micrometer metrics of the WebSocket server.
 */
@NullMarked
package dev.wsboot.actuate.metrics;

import org.jspecify.annotations.NullMarked;
