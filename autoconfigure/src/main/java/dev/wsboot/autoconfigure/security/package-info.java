/**
 * Auto-configuration of Spring Security for the WebSocket server.
 */
@NullMarked
package dev.wsboot.autoconfigure.security;

import org.jspecify.annotations.NullMarked;
