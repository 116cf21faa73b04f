/**
 * Spring Security for WebSocket endpoints: the upgrade authenticated with the application's
 * own beans from a bearer token, {@code @PreAuthorize} and {@code @Secured} on endpoint
 * classes checked at the handshake and on handler methods per call, the security context
 * set around every handler call, and sessions closed when their credentials expire.
 */
@NullMarked
package dev.wsboot.security;

import org.jspecify.annotations.NullMarked;
