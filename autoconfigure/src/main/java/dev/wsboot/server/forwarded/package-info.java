/**
 * Who the client is behind a reverse proxy: the {@code Forwarded} (RFC 7239) and
 * {@code X-Forwarded-*} headers, honoured only from the proxies the server is told to trust.
 */
@NullMarked
package dev.wsboot.server.forwarded;

import org.jspecify.annotations.NullMarked;
