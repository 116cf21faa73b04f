/**
 * The extension seam of RFC 6455 §9: how an extension such as permessage-deflate (RFC 7692)
 * is offered, agreed in the handshake, and then sits between the frame decoder and the
 * message assembler, and between the send API and the frame encoder, owning reserved bits
 * and transforming payloads. Pure state machines, like the rest of the protocol.
 */
@NullMarked
package dev.wsboot.protocol.extension;

import org.jspecify.annotations.NullMarked;
