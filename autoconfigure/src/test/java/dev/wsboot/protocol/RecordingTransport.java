package dev.wsboot.protocol;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static dev.wsboot.protocol.FrameBytes.hex;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plays the transport around a {@link ProtocolSession}: feeds it bytes and records, in one
 * ordered list of short lines, what it reports to its {@link ProtocolListener} and what it
 * sends through its {@link FrameSender}.
 *
 * <p>The lines: {@code text:Hello}, {@code binary:01 02}, {@code ping:48 65},
 * {@code pong:}, {@code close received:1000 reason}, {@code protocol error:1002},
 * {@code sent PONG:48 65}, {@code sent CLOSE:03 e8}; a sent close that carries a reason
 * is shown by its code followed by {@code +reason}, its bytes are in {@link #sent()}. Long
 * messages are shown by their size, their content is in {@link #texts()} and
 * {@link #binaries()}.
 */
final class RecordingTransport implements ProtocolListener, FrameSender {

	/** A frame the session handed to the transport. */
	record SentFrame(Opcode opcode, byte[] payload) {
	}

	private final ProtocolSession session;

	private final List<String> events = new ArrayList<>();

	private final List<SentFrame> sent = new ArrayList<>();

	private final List<String> texts = new ArrayList<>();

	private final List<byte[]> binaries = new ArrayList<>();

	private final List<ProtocolException> errors = new ArrayList<>();

	RecordingTransport() {
		this(WebSocketLimits.DEFAULTS);
	}

	RecordingTransport(WebSocketLimits limits) {
		this.session = new ProtocolSession(new Rfc6455FrameDecoder(limits), limits, this, this);
	}

	ProtocolSession session() {
		return this.session;
	}

	/** Hands each chunk to the session in its own call and checks every byte was taken. */
	RecordingTransport receive(byte[]... chunks) {
		for (byte[] chunk : chunks) {
			ByteBuffer in = ByteBuffer.wrap(chunk);
			this.session.receive(in);
			assertThat(in.hasRemaining()).as("receive left bytes in the buffer").isFalse();
		}
		return this;
	}

	RecordingTransport receiveOneByteAtATime(byte[] wire) {
		for (byte b : wire) {
			receive(new byte[] { b });
		}
		return this;
	}

	/** Hands the bytes over in chunks of this size, the last one shorter. */
	RecordingTransport receiveInChunksOf(int size, byte[] wire) {
		for (int at = 0; at < wire.length; at += size) {
			byte[] chunk = new byte[Math.min(size, wire.length - at)];
			System.arraycopy(wire, at, chunk, 0, chunk.length);
			receive(chunk);
		}
		return this;
	}

	List<String> events() {
		return this.events;
	}

	List<SentFrame> sent() {
		return this.sent;
	}

	List<String> texts() {
		return this.texts;
	}

	List<byte[]> binaries() {
		return this.binaries;
	}

	List<ProtocolException> errors() {
		return this.errors;
	}

	/**
	 * Checks the session failed once, with this code: the close frame carries the code in its
	 * first two bytes and the error's message as reason, and input is over.
	 */
	void assertFailedWith(int closeCode) {
		assertThat(this.errors).as("protocol errors").hasSize(1);
		ProtocolException error = this.errors.get(0);
		assertThat(error.closeCode()).as("close code of the error").isEqualTo(closeCode);
		List<SentFrame> closes = this.sent.stream().filter((frame) -> frame.opcode() == Opcode.CLOSE).toList();
		assertThat(closes).as("close frames sent").hasSize(1);
		byte[] expected = FrameBytes.concat(new byte[] { (byte) (closeCode >>> 8), (byte) closeCode },
				FrameBytes.utf8(CloseStatus.truncateReason(error.getMessage())));
		assertThat(closes.get(0).payload()).as("close payload").inHexadecimal().containsExactly(expected);
		assertThat(this.session.isInputDone()).as("input done").isTrue();
		assertThat(this.session.isCloseSent()).as("close sent").isTrue();
	}

	@Override
	public void onText(String text) {
		this.texts.add(text);
		this.events.add("text:" + ((text.length() <= 64) ? text : "(" + text.length() + " characters)"));
	}

	@Override
	public void onBinary(byte[] data) {
		this.binaries.add(data);
		this.events.add("binary:" + ((data.length <= 32) ? hex(data) : "(" + data.length + " bytes)"));
	}

	@Override
	public void onPing(byte[] payload) {
		this.events.add("ping:" + hex(payload));
	}

	@Override
	public void onPong(byte[] payload) {
		this.events.add("pong:" + hex(payload));
	}

	@Override
	public void onCloseReceived(CloseStatus status) {
		this.events.add("close received:" + status.code() + (status.reason().isEmpty() ? "" : " " + status.reason()));
	}

	@Override
	public void onProtocolError(ProtocolException error) {
		this.errors.add(error);
		this.events.add("protocol error:" + error.closeCode());
	}

	@Override
	public void sendControl(Opcode opcode, byte[] payload) {
		this.sent.add(new SentFrame(opcode, payload.clone()));
		if (opcode == Opcode.CLOSE && payload.length > 2) {
			this.events.add("sent CLOSE:" + hex(new byte[] { payload[0], payload[1] }) + " +reason");
		}
		else {
			this.events.add("sent " + opcode + ":" + hex(payload));
		}
	}

}
