package dev.wsboot.server;

import java.util.List;
import java.util.Objects;

/**
 * A path the server accepts upgrades on, and the handler for its sessions.
 *
 * @param path the path, literal ({@code /chat}) or a template ({@code /rooms/{room}}), see
 * {@link PathTemplate}
 * @param handler the handler of the path's sessions
 * @param subprotocols the subprotocols offered, in order of preference; empty for none
 * @param nonBlocking whether the handler never blocks, so that it may run on the I/O thread
 * that read the message instead of being handed to the worker executor
 * @param upgradeCheck what the route checks of an upgrade request beyond the protocol, such
 * as its parameters, before it is accepted
 * @param encoder turns what {@link WsSession#send(Object)} is given into a message
 */
public record WsRoute(String path, WsHandler handler, List<String> subprotocols, boolean nonBlocking,
		WsUpgradeCheck upgradeCheck, WsMessageEncoder encoder) {

	public WsRoute {
		PathTemplate.parse(path);
		Objects.requireNonNull(handler, "handler");
		subprotocols = List.copyOf(subprotocols);
		Objects.requireNonNull(upgradeCheck, "upgradeCheck");
		Objects.requireNonNull(encoder, "encoder");
	}

	/** A route that checks nothing beyond the protocol and sends text, bytes and prepared messages. */
	public WsRoute(String path, WsHandler handler, List<String> subprotocols, boolean nonBlocking) {
		this(path, handler, subprotocols, nonBlocking, WsUpgradeCheck.NONE, WsMessageEncoder.STANDARD);
	}

	/** A route with no subprotocols whose handler may block. */
	public static WsRoute of(String path, WsHandler handler) {
		return new WsRoute(path, handler, List.of(), false);
	}

	/** This route with another handler, as a server wraps it, for example to time its calls. */
	public WsRoute withHandler(WsHandler wrapped) {
		return new WsRoute(this.path, wrapped, this.subprotocols, this.nonBlocking, this.upgradeCheck, this.encoder);
	}

}
