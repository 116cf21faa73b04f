/**
 * Actuator health of the WebSocket server.
 */
@NullMarked
package dev.wsboot.actuate.health;

import org.jspecify.annotations.NullMarked;
