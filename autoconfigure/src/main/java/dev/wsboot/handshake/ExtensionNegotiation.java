package dev.wsboot.handshake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.wsboot.protocol.extension.ExtensionAgreement;
import dev.wsboot.protocol.extension.ExtensionFactory;
import dev.wsboot.protocol.extension.ExtensionOffer;

/**
 * The {@code Sec-WebSocket-Extensions} part of a handshake (RFC 6455 §9.1): reads the
 * client's offers and lets each extension the server knows pick one of its own, at most one
 * agreement per extension and never two on the same reserved bit.
 */
public final class ExtensionNegotiation {

	private ExtensionNegotiation() {
	}

	/**
	 * The agreements for a request, in the client's order of preference, which is the order
	 * they are applied in.
	 * @throws HandshakeException 400 when the header is malformed
	 */
	public static List<ExtensionAgreement> negotiate(HttpHeaders headers, List<ExtensionFactory> factories) {
		List<String> values = headers.all("Sec-WebSocket-Extensions");
		if (values.isEmpty() || factories.isEmpty()) {
			return List.of();
		}
		Map<String, List<ExtensionOffer>> offersByName = new LinkedHashMap<>();
		for (ExtensionOffer offer : parse(values)) {
			offersByName.computeIfAbsent(offer.name().toLowerCase(Locale.ROOT), (name) -> new ArrayList<>())
				.add(offer);
		}
		List<ExtensionAgreement> agreements = new ArrayList<>();
		int usedBits = 0;
		for (Map.Entry<String, List<ExtensionOffer>> entry : offersByName.entrySet()) {
			for (ExtensionFactory factory : factories) {
				if (factory.name().equalsIgnoreCase(entry.getKey()) && (factory.reservedBits() & usedBits) == 0) {
					ExtensionAgreement agreement = factory.accept(List.copyOf(entry.getValue()));
					if (agreement != null) {
						agreements.add(agreement);
						usedBits |= agreement.reservedBits();
					}
					break;
				}
			}
		}
		return List.copyOf(agreements);
	}

	/**
	 * Parses the values of {@code Sec-WebSocket-Extensions} headers: a comma-separated list
	 * of extensions, each a token followed by {@code ;}-separated parameters, each a token
	 * with an optional value, a token or a quoted string that holds one.
	 * @throws HandshakeException 400 when a value does not follow that grammar
	 */
	public static List<ExtensionOffer> parse(List<String> values) {
		List<ExtensionOffer> offers = new ArrayList<>();
		for (String value : values) {
			new Reader(value).readList(offers);
		}
		return offers;
	}

	/** A cursor over one header value. */
	private static final class Reader {

		private final String text;

		private int at;

		Reader(String text) {
			this.text = text;
		}

		void readList(List<ExtensionOffer> offers) {
			while (true) {
				skipWhitespace();
				if (end()) {
					return;
				}
				if (peek() == ',') {
					// RFC 9110 §5.6.1: empty list elements are allowed and ignored.
					this.at++;
					continue;
				}
				offers.add(readExtension());
				skipWhitespace();
				if (end()) {
					return;
				}
				expect(',');
			}
		}

		private ExtensionOffer readExtension() {
			String name = readToken("extension name");
			List<ExtensionOffer.Parameter> parameters = new ArrayList<>();
			skipWhitespace();
			while (!end() && peek() == ';') {
				this.at++;
				skipWhitespace();
				String parameter = readToken("extension parameter");
				skipWhitespace();
				String value = null;
				if (!end() && peek() == '=') {
					this.at++;
					skipWhitespace();
					value = (!end() && peek() == '"') ? readQuotedToken() : readToken("parameter value");
					skipWhitespace();
				}
				parameters.add(new ExtensionOffer.Parameter(parameter, value));
			}
			return new ExtensionOffer(name, parameters);
		}

		/** RFC 6455 §9.1: a quoted value, once unescaped, must still be a token. */
		private String readQuotedToken() {
			this.at++;
			StringBuilder value = new StringBuilder();
			while (!end() && peek() != '"') {
				char c = this.text.charAt(this.at++);
				if (c == '\\') {
					if (end()) {
						throw malformed("an escape at the end");
					}
					c = this.text.charAt(this.at++);
				}
				value.append(c);
			}
			expect('"');
			if (!HttpChars.isToken(value.toString())) {
				throw malformed("a quoted value that is not a token");
			}
			return value.toString();
		}

		private String readToken(String what) {
			int start = this.at;
			while (!end() && HttpChars.isTokenChar(peek())) {
				this.at++;
			}
			if (start == this.at) {
				throw malformed("no " + what + " at position " + start);
			}
			return this.text.substring(start, this.at);
		}

		private void expect(char c) {
			if (end() || peek() != c) {
				throw malformed("'" + c + "' expected at position " + this.at);
			}
			this.at++;
		}

		private void skipWhitespace() {
			while (!end() && HttpChars.isWhitespace(peek())) {
				this.at++;
			}
		}

		private boolean end() {
			return this.at >= this.text.length();
		}

		private char peek() {
			return this.text.charAt(this.at);
		}

		private static HandshakeException malformed(String problem) {
			return new HandshakeException(400, "Malformed Sec-WebSocket-Extensions header: " + problem);
		}

	}

}
