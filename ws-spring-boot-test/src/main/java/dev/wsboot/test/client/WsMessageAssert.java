package dev.wsboot.test.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;

import dev.wsboot.endpoint.WsMessageCodec;
import org.assertj.core.api.AbstractByteArrayAssert;
import org.assertj.core.api.AbstractObjectAssert;
import org.assertj.core.api.AbstractStringAssert;
import org.assertj.core.api.Assertions;
import org.jspecify.annotations.Nullable;

import org.springframework.core.ResolvableType;
import org.springframework.test.json.JsonContent;
import org.springframework.test.json.JsonContentAssert;
import org.springframework.test.json.JsonConverterDelegate;

/**
 * AssertJ assertions on a {@link WsMessage}: that it equals, matches, or decodes to a type
 * with the fields expected.
 *
 * <pre class="code">
 * assertThat(session).nextMessage().hasText("hello");
 * assertThat(session).nextMessage().textMatches("Welcome, .+");
 * assertThat(session).nextMessage().json().isLenientlyEqualTo("{type: 'said', text: 'hi'}");
 * assertThat(session).nextMessage().json().extractingPath("$.members").isEqualTo(2);
 * assertThat(session).nextMessage().decodesTo(Said.class).isEqualTo(new Said("lobby", "ann", "hi"));
 * </pre>
 */
public class WsMessageAssert extends AbstractObjectAssert<WsMessageAssert, WsMessage> {

	/** Assertions on {@code message}; {@code Assertions.assertThat(message)} makes them. */
	public WsMessageAssert(WsMessage message) {
		super(message, WsMessageAssert.class);
	}

	/** Checks that the message is text. */
	public WsMessageAssert isText() {
		isNotNull();
		if (!this.actual.isText()) {
			throw failure("Expected a text message, but received %s", this.actual);
		}
		return this;
	}

	/** Checks that the message is binary. */
	public WsMessageAssert isBinary() {
		isNotNull();
		if (!this.actual.isBinary()) {
			throw failure("Expected a binary message, but received %s", this.actual);
		}
		return this;
	}

	/** Checks that the message is text equal to {@code expected}. */
	public WsMessageAssert hasText(String expected) {
		isText();
		if (!this.actual.text().equals(expected)) {
			throw failureWithActualExpected(this.actual.text(), expected, "Expected text \"%s\", but received %s",
					expected, this.actual);
		}
		return this;
	}

	/** Checks that the message is text matched, as a whole, by this regular expression. */
	public WsMessageAssert textMatches(String regex) {
		isText();
		if (!Pattern.compile(regex, Pattern.DOTALL).matcher(this.actual.text()).matches()) {
			throw failure("Expected text matching /%s/, but received %s", regex, this.actual);
		}
		return this;
	}

	/** The message's text, for any string assertion. */
	public AbstractStringAssert<?> text() {
		isText();
		return Assertions.assertThat(this.actual.text()).as(this.info.description());
	}

	/** Checks that the message is binary with exactly these bytes. */
	public WsMessageAssert hasBinary(byte[] expected) {
		isBinary();
		if (!Arrays.equals(this.actual.payload(), expected)) {
			WsMessage wanted = new WsMessage(false, expected, null);
			throw failureWithActualExpected(this.actual.toString(), wanted.toString(), "Expected %s, but received %s",
					wanted, this.actual);
		}
		return this;
	}

	/** The message's data, for any byte array assertion. */
	public AbstractByteArrayAssert<?> binary() {
		isBinary();
		return Assertions.assertThat(this.actual.payload()).as(this.info.description());
	}

	/**
	 * The message's text as JSON, for Spring's JSON assertions: lenient or strict comparison,
	 * JSON paths, and {@code convertTo} with the client's codec. Needs JSONassert and JsonPath
	 * (both in {@code spring-boot-starter-test}).
	 */
	public JsonContentAssert json() {
		isText();
		return new JsonContent(this.actual.text(), converter(this.actual.codec())).assertThat();
	}

	/**
	 * Reads the message into {@code type} with the client's codec (the application's
	 * {@code JsonMapper}), for assertions on the object, failing with the message if it does
	 * not fit.
	 */
	public <T> AbstractObjectAssert<?, T> decodesTo(Class<T> type) {
		isNotNull();
		T value;
		try {
			value = this.actual.decode(type);
		}
		catch (AssertionError ex) {
			throw failure("%s", ex.getMessage());
		}
		return Assertions.assertThat(value).as(this.info.description());
	}

	private static @Nullable JsonConverterDelegate converter(@Nullable WsMessageCodec codec) {
		if (codec == null) {
			return null;
		}
		return new JsonConverterDelegate() {

			@Override
			@SuppressWarnings("unchecked")
			public <T> T read(String content, ResolvableType type) throws IOException {
				return (T) codec.decode(content, type);
			}

			@Override
			@SuppressWarnings("unchecked")
			public <T> T map(Object value, ResolvableType type) throws IOException {
				return (T) codec.decode(new String(codec.encode(value).payload(),
						StandardCharsets.UTF_8), type);
			}

		};
	}

}
