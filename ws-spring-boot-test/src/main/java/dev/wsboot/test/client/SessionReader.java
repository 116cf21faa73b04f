package dev.wsboot.test.client;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import dev.wsboot.endpoint.WsMessageCodec;
import dev.wsboot.protocol.CloseStatus;
import dev.wsboot.test.client.ServerFrameReader.Frame;
import dev.wsboot.test.client.ServerFrameReader.ServerViolation;
import org.jspecify.annotations.Nullable;

/**
 * The thread reading one session's connection, as a client library would: joins fragments
 * into messages, answers pings, echoes the server's close and reads until the server closes
 * the connection. Everything goes to the {@link Inbox} in the order it arrived; the first
 * frame that breaks RFC 6455 ends the session as a violation, which the next expectation
 * reports.
 */
final class SessionReader implements Runnable {

	private final InputStream in;

	private final ServerFrameReader frames;

	private final Inbox inbox;

	private final SessionOutput output;

	private final ReadGate gate;

	private final SessionConnection connection;

	private final @Nullable WsMessageCodec codec;

	private final int maxMessageSize;

	private final ByteArrayOutputStream message = new ByteArrayOutputStream();

	private int messageOpcode = -1;

	SessionReader(InputStream in, Inbox inbox, SessionOutput output, ReadGate gate, SessionConnection connection,
			@Nullable WsMessageCodec codec, int maxMessageSize) {
		this.in = in;
		this.frames = new ServerFrameReader(in, maxMessageSize);
		this.inbox = inbox;
		this.output = output;
		this.gate = gate;
		this.connection = connection;
		this.codec = codec;
		this.maxMessageSize = maxMessageSize;
	}

	@Override
	public void run() {
		try {
			while (true) {
				this.gate.awaitOpen();
				Frame frame = this.frames.next();
				// A frame whose reading began before a pause is held back until it ends.
				this.gate.awaitOpen();
				if (frame.isControl()) {
					if (onControl(frame)) {
						readUntilEnd();
						return;
					}
				}
				else {
					onData(frame);
				}
			}
		}
		catch (ServerViolation ex) {
			this.inbox.end(Inbox.End.violation(ex.getMessage()));
		}
		catch (EOFException ex) {
			this.connection.ended();
			this.inbox.end(Inbox.End.lost(this.connection.isClosedByClient() ? "the client closed the connection"
					: ex.getMessage() + " without a close frame"));
		}
		catch (IOException ex) {
			this.connection.ended();
			this.inbox.end(Inbox.End.lost(this.connection.isClosedByClient() ? "the client closed the connection"
					: "the connection failed: " + ex.getMessage()));
		}
		catch (InterruptedException ex) {
			this.inbox.end(Inbox.End.lost("the client stopped reading"));
		}
		finally {
			this.connection.readerEnded();
		}
	}

	/** Handles a control frame; true for the close frame, after which only the end of the stream may come. */
	private boolean onControl(Frame frame) {
		switch (frame.opcode()) {
			case WsFrame.PING -> {
				this.inbox.ping(frame.payload());
				this.output.pong(frame.payload());
			}
			case WsFrame.PONG -> this.inbox.pong(frame.payload());
			default -> {
				CloseStatus status = closeStatus(frame.payload());
				this.inbox.end(Inbox.End.closed(status));
				this.output.echoClose(status);
				return true;
			}
		}
		return false;
	}

	private void onData(Frame frame) throws ServerViolation {
		if (frame.opcode() != WsFrame.CONTINUATION) {
			this.messageOpcode = frame.opcode();
			this.message.reset();
		}
		if (this.message.size() + frame.payload().length > this.maxMessageSize) {
			throw new ServerViolation("the server sent a message of more than the " + this.maxMessageSize
					+ " bytes this client reads");
		}
		this.message.writeBytes(frame.payload());
		if (!frame.fin()) {
			return;
		}
		byte[] payload = this.message.toByteArray();
		boolean text = this.messageOpcode == WsFrame.TEXT;
		// RFC 6455 §5.6: text data is UTF-8, and §8.1 has the receiver fail on anything else.
		if (text && !ServerFrameReader.isUtf8(payload, 0, payload.length)) {
			throw new ServerViolation("the server sent a text message that is not UTF-8 (RFC 6455 §5.6): "
					+ new WsMessage(false, payload, null));
		}
		this.inbox.message(new WsMessage(text, payload, this.codec));
		this.message.reset();
	}

	/** After the close frame the server closes the connection; what else comes is dropped. */
	private void readUntilEnd() {
		byte[] sink = new byte[4096];
		try {
			while (this.in.read(sink) >= 0) {
				// RFC 6455 §5.5.1: nothing may follow the close frame; a stricter check is not worth a failure.
			}
		}
		catch (IOException ex) {
			// A reset ends it too.
		}
		this.connection.ended();
	}

	private static CloseStatus closeStatus(byte[] payload) {
		if (payload.length < 2) {
			return CloseStatus.NO_STATUS;
		}
		int code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
		return new CloseStatus(code, new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8));
	}

}
