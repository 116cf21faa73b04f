package dev.wsboot.protocol;

/**
 * The rules of the closing handshake (RFC 6455 §7) over the close state a
 * {@link ProtocolEngine} holds: the one place that changes that state, answers the peer's
 * close, turns a protocol error into a close frame, and holds a close frame back when the
 * engine holds its replies.
 *
 * <p>Keeps no state of its own, so that a connection pays for no object of this: the
 * engine's fields hold it.
 */
final class ClosingHandshake {

	private ClosingHandshake() {
	}

	/** The peer's close frame arrived: answered unless this side's close was sent. */
	static void onCloseFrame(ProtocolEngine engine, CloseStatus status) {
		engine.inputEnd = ProtocolEngine.INPUT_CLOSED;
		if (!engine.closeSent) {
			// RFC 6455 §5.5.1: the endpoint MUST send a Close frame in response, typically
			// echoing the status code it received.
			reply(engine,
					(status.code() == CloseCodes.NO_STATUS) ? Frame.EMPTY : CloseStatus.of(status.code()).toPayload());
		}
		engine.listener.onCloseReceived(status);
	}

	/** RFC 6455 §7.1.7, "_Fail the WebSocket Connection_": a close with the error's code, then no more input. */
	static void fail(ProtocolEngine engine, ProtocolException ex) {
		engine.inputEnd = ProtocolEngine.INPUT_FAILED;
		if (!engine.closeSent) {
			reply(engine, ex.toCloseStatus().toPayload());
		}
		engine.listener.onProtocolError(ex);
	}

	private static void reply(ProtocolEngine engine, byte[] closePayload) {
		if (engine.holdCloseReplies) {
			engine.heldClose = closePayload;
		}
		else {
			sendClose(engine, closePayload);
		}
	}

	/** See {@link ProtocolEngine#close(CloseStatus)}. */
	static boolean close(ProtocolEngine engine, CloseStatus status) {
		if (engine.closeSent) {
			return false;
		}
		byte[] held = engine.heldClose;
		sendClose(engine, (held != null) ? held : status.toPayload());
		return true;
	}

	/** See {@link ProtocolEngine#closeLater(CloseStatus)}. */
	static boolean closeLater(ProtocolEngine engine, CloseStatus status) {
		if (engine.closeSent || engine.heldClose != null) {
			return false;
		}
		engine.heldClose = status.toPayload();
		return true;
	}

	/** See {@link ProtocolEngine#releaseHeldClose()}. */
	static void releaseHeldClose(ProtocolEngine engine) {
		byte[] held = engine.heldClose;
		if (held != null && !engine.closeSent) {
			sendClose(engine, held);
		}
	}

	/** See {@link ProtocolEngine#abort(CloseStatus)}. */
	static long abort(ProtocolEngine engine, CloseStatus status) {
		long dropped = engine.output.outboundBuffer().dropAllButPartialFrame();
		engine.inputEnd = ProtocolEngine.INPUT_FAILED;
		if (!engine.closeSent) {
			sendClose(engine, status.toPayload());
		}
		return dropped;
	}

	private static void sendClose(ProtocolEngine engine, byte[] payload) {
		engine.heldClose = null;
		engine.closeSent = true;
		engine.queueControl(Opcode.CLOSE, payload);
	}

}
