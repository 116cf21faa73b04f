/**
 * Actuator endpoint describing the WebSocket endpoints and their open sessions.
 */
@NullMarked
package dev.wsboot.actuate.endpoint;

import org.jspecify.annotations.NullMarked;
