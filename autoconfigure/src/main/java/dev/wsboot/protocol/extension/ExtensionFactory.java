package dev.wsboot.protocol.extension;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An extension the server can agree to (RFC 6455 §9): it picks one of a client's offers of
 * it and makes the per-connection {@link Extension}. Registered with the server, as a bean
 * in a Spring application; must be thread-safe.
 */
public interface ExtensionFactory {

	/** The extension's registered name, such as {@code permessage-deflate}. */
	String name();

	/**
	 * The reserved bits its frames may carry, RSV1 as {@code 0b100}. Two extensions that
	 * use the same bit are never agreed together.
	 */
	int reservedBits();

	/**
	 * Picks the first acceptable offer of this extension.
	 * @param offers the client's offers of this extension, most preferred first
	 * @return the agreement, or {@code null} to decline every offer
	 */
	@Nullable ExtensionAgreement accept(List<ExtensionOffer> offers);

}
