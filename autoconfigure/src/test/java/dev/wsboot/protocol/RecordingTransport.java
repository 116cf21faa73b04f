package dev.wsboot.protocol;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import dev.wsboot.protocol.extension.Extensions;

import static dev.wsboot.protocol.FrameBytes.hex;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plays the transport around a {@link ProtocolEngine}: feeds it bytes and records, in one
 * ordered list of short lines, what it reports to its {@link ProtocolListener} and the
 * frames it queues in its {@link OutboundBuffer}, in the order it did both.
 *
 * <p>The lines: {@code text:Hello}, {@code binary:01 02}, {@code ping:48 65},
 * {@code pong:}, {@code close received:1000 reason}, {@code protocol error:1002},
 * {@code sent PONG:48 65}, {@code sent CLOSE:03 e8}; a sent close that carries a reason
 * is shown by its code followed by {@code +reason}, its bytes are in {@link #sent()}. Long
 * messages are shown by their size, their content is in {@link #texts()} and
 * {@link #binaries()}.
 */
final class RecordingTransport implements ProtocolListener {

	/** A frame the engine queued for the transport. */
	record SentFrame(Opcode opcode, byte[] payload) {
	}

	private final OutboundBuffer output = new OutboundBuffer();

	private final ProtocolEngine session;

	private final List<String> events = new ArrayList<>();

	private final List<SentFrame> sent = new ArrayList<>();

	private final List<String> texts = new ArrayList<>();

	private final List<byte[]> binaries = new ArrayList<>();

	private final List<ProtocolException> errors = new ArrayList<>();

	RecordingTransport() {
		this(WebSocketLimits.DEFAULTS);
	}

	RecordingTransport(WebSocketLimits limits) {
		this(limits, false);
	}

	RecordingTransport(WebSocketLimits limits, boolean holdCloseReplies) {
		this(new Rfc6455FrameCodec(), limits, holdCloseReplies);
	}

	/** With the codec a test gives, to see what the engine asks of it. */
	RecordingTransport(FrameCodec codec) {
		this(codec, WebSocketLimits.DEFAULTS, false);
	}

	private RecordingTransport(FrameCodec codec, WebSocketLimits limits, boolean holdCloseReplies) {
		this.session = new ProtocolEngine(codec, Extensions.NONE, limits, this, this.output, holdCloseReplies);
	}

	/** The engine; what a test sends through it is recorded at the next event or {@link #events()}. */
	ProtocolEngine session() {
		return this.session;
	}

	OutboundBuffer output() {
		return this.output;
	}

	/** Hands each chunk to the engine in its own call and checks every byte was taken. */
	RecordingTransport receive(byte[]... chunks) {
		for (byte[] chunk : chunks) {
			ByteBuffer in = ByteBuffer.wrap(chunk);
			this.session.receive(in);
			assertThat(in.hasRemaining()).as("receive left bytes in the buffer").isFalse();
			recordSent();
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
		recordSent();
		return this.events;
	}

	List<SentFrame> sent() {
		recordSent();
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
		recordSent();
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
	public void onText(String text, int byteLength) {
		recordSent();
		assertThat(byteLength).as("byte length of " + text).isEqualTo(FrameBytes.utf8(text).length);
		this.texts.add(text);
		this.events.add("text:" + ((text.length() <= 64) ? text : "(" + text.length() + " characters)"));
	}

	@Override
	public void onBinary(byte[] data) {
		recordSent();
		this.binaries.add(data);
		this.events.add("binary:" + ((data.length <= 32) ? hex(data) : "(" + data.length + " bytes)"));
	}

	@Override
	public void onPing(byte[] payload) {
		recordSent();
		this.events.add("ping:" + hex(payload));
	}

	@Override
	public void onPong(byte[] payload) {
		recordSent();
		this.events.add("pong:" + hex(payload));
	}

	@Override
	public void onCloseReceived(CloseStatus status) {
		recordSent();
		this.events.add("close received:" + status.code() + (status.reason().isEmpty() ? "" : " " + status.reason()));
	}

	@Override
	public void onProtocolError(ProtocolException error) {
		recordSent();
		this.errors.add(error);
		this.events.add("protocol error:" + error.closeCode());
	}

	/** Records the frames the engine queued since last time, as the transport would write them. */
	private void recordSent() {
		for (ServerOutput.SentFrame frame : ServerOutput.drain(this.output)) {
			Opcode opcode = frame.opcode();
			byte[] payload = frame.payload();
			this.sent.add(new SentFrame(opcode, payload));
			if (opcode == Opcode.CLOSE && payload.length > 2) {
				this.events.add("sent CLOSE:" + hex(new byte[] { payload[0], payload[1] }) + " +reason");
			}
			else if (opcode.isControl()) {
				this.events.add("sent " + opcode + ":" + hex(payload));
			}
			else {
				this.events.add("sent " + opcode + ":" + ((payload.length <= 32) ? hex(payload) : "(" + payload.length + " bytes)"));
			}
		}
	}

}
