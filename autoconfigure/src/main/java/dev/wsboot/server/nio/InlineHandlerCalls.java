package dev.wsboot.server.nio;

import dev.wsboot.protocol.CloseStatus;

/**
 * {@link HandlerCalls} made at once on the I/O thread that read the message, for routes
 * whose handler never blocks: no hand-off, no task object per message, and no state, so
 * one instance serves every such session.
 */
final class InlineHandlerCalls extends HandlerCalls {

	static final InlineHandlerCalls INSTANCE = new InlineHandlerCalls();

	private InlineHandlerCalls() {
	}

	@Override
	void open(NioWsSession session) {
		callOpen(session.route().handler(), session);
	}

	@Override
	void text(NioWsSession session, String text, int bytes) {
		callText(session.route().handler(), session, text);
	}

	@Override
	void binary(NioWsSession session, byte[] data) {
		callBinary(session.route().handler(), session, data);
	}

	@Override
	void pong(NioWsSession session, byte[] payload) {
		callPong(session.route().handler(), session, payload);
	}

	@Override
	void closed(NioWsSession session, CloseStatus status, Runnable finished) {
		callClose(session.route().handler(), session, status, finished);
	}

	@Override
	void after(Runnable task) {
		task.run();
	}

	@Override
	boolean isBacklogged() {
		return false;
	}

}
