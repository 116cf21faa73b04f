package dev.wsboot.server.nio;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import dev.wsboot.protocol.CloseStatus;
import dev.wsboot.protocol.Opcode;
import dev.wsboot.server.PreparedMessage;
import dev.wsboot.server.SendResult;

/**
 * What a {@link NioWsSession} sends, as requests to its connection's
 * {@link ConnectionWriter}: text encoded once, a binary buffer's bytes taken without a copy
 * when it has an array, a prepared message shared as it is, and the checks the RFC makes of
 * pings and close codes before anything is queued. Keeps no state: any thread may send.
 */
final class SessionSends {

	/** RFC 6455 §5.5: control frames carry at most 125 bytes. */
	private static final int MAX_CONTROL_PAYLOAD = 125;

	private SessionSends() {
	}

	static SendResult text(Connection connection, CharSequence text) {
		byte[] payload = text.toString().getBytes(StandardCharsets.UTF_8);
		return message(connection, Opcode.TEXT, payload, 0, payload.length);
	}

	static SendResult binary(Connection connection, byte[] data) {
		return message(connection, Opcode.BINARY, data, 0, data.length);
	}

	static SendResult binary(Connection connection, ByteBuffer data) {
		int length = data.remaining();
		if (data.hasArray()) {
			return message(connection, Opcode.BINARY, data.array(), data.arrayOffset() + data.position(), length);
		}
		byte[] copy = new byte[length];
		data.duplicate().get(copy);
		return message(connection, Opcode.BINARY, copy, 0, length);
	}

	static SendResult prepared(Connection connection, PreparedMessage message) {
		Opcode opcode = message.isText() ? Opcode.TEXT : Opcode.BINARY;
		return ConnectionWriter.send(connection, new Outbox.Shared(opcode, message.payload(), message.frame()),
				message.payloadLength());
	}

	static SendResult ping(Connection connection, byte[] payload) {
		if (payload.length > MAX_CONTROL_PAYLOAD) {
			throw new IllegalArgumentException(
					"A ping payload is at most " + MAX_CONTROL_PAYLOAD + " bytes but was " + payload.length);
		}
		if (!connection.isOpen()) {
			return SendResult.CLOSED;
		}
		return ConnectionWriter.send(connection, new Outbox.Ping(payload.clone()), payload.length);
	}

	static void close(Connection connection, CloseStatus status) {
		if (!status.isSendable()) {
			throw new IllegalArgumentException("Close code " + status.code() + " may not be sent");
		}
		ConnectionWriter.close(connection, status);
	}

	private static SendResult message(Connection connection, Opcode opcode, byte[] payload, int offset, int length) {
		return ConnectionWriter.send(connection, new Outbox.Message(opcode, payload, offset, length), length);
	}

}
