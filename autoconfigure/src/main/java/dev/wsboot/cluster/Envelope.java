package dev.wsboot.cluster;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import dev.wsboot.server.PreparedMessage;
import org.jspecify.annotations.Nullable;

/**
 * One message between nodes, in a versioned binary form that any language can read: no Java
 * serialization. The payload is the message as the sessions receive it, uncompressed, so
 * that each node frames it once for all of its sessions.
 *
 * <pre>
 * offset  size  field
 *      0     1  magic 0x57 ('W')
 *      1     1  version, 1
 *      2     1  kind: 1 topic, 2 session, 3 user
 *      3     1  flags: bit 0 set for a text message; bit 1 set when the origin's own
 *                subscribers receive it from the broker too (looped back)
 *      4     8  sequence: per origin node and target, from 1; 0 where not counted
 *     12     8  published at, milliseconds since the epoch on the origin's clock
 *     20   2+n  origin node id, UTF-8, after its length (unsigned 16 bits)
 *          2+n  target: topic name, session id or user name, likewise
 *          2+n  session of the origin node excluded from a topic's delivery; length 0 for none
 *          4+n  payload, after its length (signed 32 bits, the rest of the envelope)
 * </pre>
 *
 * @param kind what the target names
 * @param origin the id of the node that sent it
 * @param target the topic, session id or user it goes to
 * @param excluded a session of the origin node that must not receive it, or {@code null}
 * @param sequence its place among the origin's messages to the target, from 1; 0 when not counted
 * @param publishedAt when the origin sent it, in milliseconds since the epoch
 * @param text whether the payload is a text message (UTF-8) rather than binary
 * @param loopedBack whether the origin node delivers it to its own subscribers when the
 * broker sends it back, rather than having done so when it was published
 * @param payload the message, as the sessions receive it
 */
public record Envelope(Kind kind, String origin, String target, @Nullable String excluded, long sequence,
		long publishedAt, boolean text, boolean loopedBack, byte[] payload) {

	/** The first byte of every envelope. */
	public static final byte MAGIC = 0x57;

	/** The version this class writes, and the only one it reads. */
	public static final byte VERSION = 1;

	private static final int FIXED_HEADER = 20;

	private static final int TEXT_FLAG = 0x01;

	private static final int LOOPED_BACK_FLAG = 0x02;

	public Envelope {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(origin, "origin");
		Objects.requireNonNull(target, "target");
		Objects.requireNonNull(payload, "payload");
	}

	/** An envelope carrying a message as the sessions will receive it. */
	public static Envelope of(Kind kind, String origin, String target, @Nullable String excluded, long sequence,
			long publishedAt, boolean loopedBack, PreparedMessage message) {
		return new Envelope(kind, origin, target, excluded, sequence, publishedAt, message.isText(), loopedBack,
				message.payload());
	}

	/**
	 * The message, framed once for all of this node's sessions.
	 * @throws IllegalArgumentException when a text payload is not UTF-8
	 */
	public PreparedMessage toMessage() {
		// Text from another process is checked as any text from outside is: a peer would
		// close the connection on invalid UTF-8.
		return this.text ? PreparedMessage.textOfUtf8(this.payload) : PreparedMessage.binary(this.payload);
	}

	/** This envelope's bytes. */
	public byte[] encode() {
		byte[] origin = utf8(this.origin, "origin");
		byte[] target = utf8(this.target, "target");
		byte[] excluded = (this.excluded != null) ? utf8(this.excluded, "excluded") : new byte[0];
		ByteBuffer buffer = ByteBuffer.allocate(FIXED_HEADER + 2 + origin.length + 2 + target.length + 2
				+ excluded.length + 4 + this.payload.length);
		buffer.put(MAGIC).put(VERSION).put(this.kind.code).put((byte) ((this.text ? TEXT_FLAG : 0) | (this.loopedBack ? LOOPED_BACK_FLAG : 0)));
		buffer.putLong(this.sequence).putLong(this.publishedAt);
		putString(buffer, origin);
		putString(buffer, target);
		putString(buffer, excluded);
		buffer.putInt(this.payload.length).put(this.payload);
		return buffer.array();
	}

	/**
	 * Reads an envelope.
	 * @throws MalformedEnvelopeException when the bytes are not an envelope of this version
	 */
	public static Envelope decode(byte[] bytes) {
		ByteBuffer buffer = ByteBuffer.wrap(bytes);
		try {
			if (buffer.get() != MAGIC) {
				throw new MalformedEnvelopeException("Not an envelope: the first byte is not 0x57");
			}
			byte version = buffer.get();
			if (version != VERSION) {
				throw new MalformedEnvelopeException("Envelope version " + version + " is not supported, only "
						+ VERSION);
			}
			Kind kind = Kind.of(buffer.get());
			int flags = buffer.get();
			if ((flags & ~(TEXT_FLAG | LOOPED_BACK_FLAG)) != 0) {
				throw new MalformedEnvelopeException("Unknown envelope flags 0x" + Integer.toHexString(flags & 0xff));
			}
			long sequence = buffer.getLong();
			long publishedAt = buffer.getLong();
			String origin = getString(buffer, "origin");
			String target = getString(buffer, "target");
			String excluded = getString(buffer, "excluded");
			int length = buffer.getInt();
			if (length != buffer.remaining()) {
				throw new MalformedEnvelopeException("Payload length " + length + " but " + buffer.remaining()
						+ " bytes remain");
			}
			byte[] payload = new byte[length];
			buffer.get(payload);
			return new Envelope(kind, origin, target, excluded.isEmpty() ? null : excluded, sequence, publishedAt,
					(flags & TEXT_FLAG) != 0, (flags & LOOPED_BACK_FLAG) != 0, payload);
		}
		catch (BufferUnderflowException ex) {
			throw new MalformedEnvelopeException("Envelope cut short at " + bytes.length + " bytes");
		}
	}

	private static byte[] utf8(String value, String field) {
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		if (bytes.length > 0xffff) {
			throw new IllegalArgumentException("The " + field + " of an envelope must be under 64 KiB of UTF-8");
		}
		return bytes;
	}

	private static void putString(ByteBuffer buffer, byte[] utf8) {
		buffer.putShort((short) utf8.length).put(utf8);
	}

	private static String getString(ByteBuffer buffer, String field) {
		int length = Short.toUnsignedInt(buffer.getShort());
		if (length > buffer.remaining()) {
			throw new BufferUnderflowException();
		}
		ByteBuffer bytes = buffer.slice(buffer.position(), length);
		buffer.position(buffer.position() + length);
		try {
			CharBuffer chars = StandardCharsets.UTF_8.newDecoder().decode(bytes);
			return chars.toString();
		}
		catch (CharacterCodingException ex) {
			throw new MalformedEnvelopeException("The " + field + " of the envelope is not UTF-8");
		}
	}

	/** What an envelope's target names. */
	public enum Kind {

		/** A topic: every subscriber of it on every node. */
		TOPIC(1),

		/** A session, by its id on the node the envelope is sent to. */
		SESSION(2),

		/** A user: every session of it on every node. */
		USER(3);

		private final byte code;

		Kind(int code) {
			this.code = (byte) code;
		}

		static Kind of(byte code) {
			for (Kind kind : values()) {
				if (kind.code == code) {
					return kind;
				}
			}
			throw new MalformedEnvelopeException("Unknown envelope kind " + code);
		}

	}

	/** Bytes that are not an envelope this version reads. */
	public static class MalformedEnvelopeException extends IllegalArgumentException {

		MalformedEnvelopeException(String message) {
			super(message);
		}

	}

}
