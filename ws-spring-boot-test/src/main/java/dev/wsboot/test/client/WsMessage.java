package dev.wsboot.test.client;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import dev.wsboot.endpoint.WsDecodeException;
import dev.wsboot.endpoint.WsMessageCodec;
import org.assertj.core.api.AssertProvider;
import org.jspecify.annotations.Nullable;

import org.springframework.core.ResolvableType;

/**
 * A whole message a {@link WsTestSession} received, its fragments joined: text or binary.
 * {@code assertThat(message)} gives a {@link WsMessageAssert}.
 */
public final class WsMessage implements AssertProvider<WsMessageAssert> {

	/** How much of a message {@link #toString()} shows. */
	private static final int SHOWN = 200;

	private final boolean text;

	private final byte[] payload;

	private final @Nullable WsMessageCodec codec;

	WsMessage(boolean text, byte[] payload, @Nullable WsMessageCodec codec) {
		this.text = text;
		this.payload = payload;
		this.codec = codec;
	}

	/** Whether this is a text message. */
	public boolean isText() {
		return this.text;
	}

	/** Whether this is a binary message. */
	public boolean isBinary() {
		return !this.text;
	}

	/**
	 * The text of a text message.
	 * @throws AssertionError when this is a binary message, saying so
	 */
	public String text() {
		if (!this.text) {
			throw new AssertionError("Expected a text message, but received " + this);
		}
		return new String(this.payload, StandardCharsets.UTF_8);
	}

	/** The payload: the data of a binary message, the UTF-8 bytes of a text message. */
	public byte[] payload() {
		return this.payload.clone();
	}

	/**
	 * Reads this message into an object of {@code type} with the client's codec: for text, the
	 * application's {@code JsonMapper}, as the server reads what its endpoints take.
	 * @throws AssertionError when the message does not read as {@code type}, with the message
	 * and the reason
	 * @throws IllegalStateException when the client has no codec (no JSON library)
	 */
	public <T> T decode(Class<T> type) {
		return type.cast(decode(ResolvableType.forClass(type)));
	}

	/** {@link #decode(Class)} for a generic type, such as {@code List<Said>}. */
	public Object decode(ResolvableType type) {
		WsMessageCodec codec = this.codec;
		if (codec == null) {
			throw new IllegalStateException("This client has no codec to decode messages with: add Jackson "
					+ "(spring-boot-starter-jackson) or build the client with WsTestClient.Builder.jsonCodec(...)");
		}
		WsMessageCodec.Format format = this.text ? WsMessageCodec.Format.TEXT : WsMessageCodec.Format.BINARY;
		if (!codec.canDecode(type, format)) {
			throw new AssertionError("Expected a message that decodes to " + type + ", but the codec cannot read "
					+ (this.text ? "text" : "binary") + " messages as that type; received " + this);
		}
		try {
			return codec.decode(this.text ? text() : payload(), type);
		}
		catch (WsDecodeException ex) {
			throw new AssertionError("Expected a message that decodes to " + type + ", but received " + this + ": "
					+ ex.getMessage(), ex);
		}
		catch (RuntimeException ex) {
			throw new AssertionError("Expected a message that decodes to " + type + ", but received " + this
					+ ", which failed to decode: " + ex, ex);
		}
	}

	@Nullable WsMessageCodec codec() {
		return this.codec;
	}

	/** Assertions on this message; the entry point {@code Assertions.assertThat(message)} calls. */
	@Override
	public WsMessageAssert assertThat() {
		return new WsMessageAssert(this);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof WsMessage that && this.text == that.text && Arrays.equals(this.payload, that.payload);
	}

	@Override
	public int hashCode() {
		return 31 * Boolean.hashCode(this.text) + Arrays.hashCode(this.payload);
	}

	/**
	 * Shows the message as failure messages quote it: {@code text "..."} or
	 * {@code binary [01 02 ...]}, cut after 200 characters or bytes.
	 */
	@Override
	public String toString() {
		if (this.text) {
			String shown = new String(this.payload, StandardCharsets.UTF_8);
			return "text \"" + ((shown.length() > SHOWN) ? shown.substring(0, SHOWN) + "\"... ("
					+ this.payload.length + " bytes)" : shown + "\"");
		}
		byte[] shown = Arrays.copyOf(this.payload, Math.min(SHOWN, this.payload.length));
		return "binary [" + HexFormat.ofDelimiter(" ").formatHex(shown)
				+ ((this.payload.length > SHOWN) ? " ...] (" + this.payload.length + " bytes)" : "]");
	}

}
