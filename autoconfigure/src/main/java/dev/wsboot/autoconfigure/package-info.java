/**
 * Auto-configuration of the WebSocket server: conditions, properties and bean wiring.
 */
@NullMarked
package dev.wsboot.autoconfigure;

import org.jspecify.annotations.NullMarked;
