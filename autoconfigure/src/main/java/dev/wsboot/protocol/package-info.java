/**
 * RFC 6455 framing, message assembly, UTF-8 rules and the close handshake, as pure
 * state machines over bytes: no sockets, no threads, no Spring.
 */
@NullMarked
package dev.wsboot.protocol;

import org.jspecify.annotations.NullMarked;
