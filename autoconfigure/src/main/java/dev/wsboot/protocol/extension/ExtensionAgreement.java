package dev.wsboot.protocol.extension;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * An extension the server agreed to in a handshake: what the response says about it, and
 * how to make its state for the connection.
 *
 * @param response the element of the response's {@code Sec-WebSocket-Extensions} header:
 * the extension's name and the parameters the server answers with
 * @param reservedBits the reserved bits its frames may carry
 * @param extension makes the extension's state when the connection opens
 */
public record ExtensionAgreement(ExtensionOffer response, int reservedBits, Supplier<Extension> extension) {

	public ExtensionAgreement {
		Objects.requireNonNull(response, "response");
		Objects.requireNonNull(extension, "extension");
		if ((reservedBits & ~0b111) != 0) {
			throw new IllegalArgumentException("Reserved bits are three: " + Integer.toBinaryString(reservedBits));
		}
	}

}
