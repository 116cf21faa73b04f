package dev.wsboot.server.nio;

import dev.wsboot.protocol.CloseStatus;
import dev.wsboot.server.WsHandler;

/**
 * {@link HandlerCalls} made at once on the I/O thread that read the message, for routes
 * whose handler never blocks: no hand-off, no task object per message.
 */
final class InlineHandlerCalls extends HandlerCalls {

	InlineHandlerCalls(WsHandler handler, NioWsSession session) {
		super(handler, session);
	}

	@Override
	void open() {
		callOpen();
	}

	@Override
	void text(String text, int bytes) {
		callText(text);
	}

	@Override
	void binary(byte[] data) {
		callBinary(data);
	}

	@Override
	void pong(byte[] payload) {
		callPong(payload);
	}

	@Override
	void closed(CloseStatus status, Runnable finished) {
		callClose(status, finished);
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
