/**
 * Auto-configuration of the WebSocket server's metrics, health indicator and Actuator
 * endpoint, each active only when its library is on the classpath.
 */
@NullMarked
package dev.wsboot.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
