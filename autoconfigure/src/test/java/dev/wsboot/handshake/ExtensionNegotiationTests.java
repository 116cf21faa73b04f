package dev.wsboot.handshake;

import java.util.List;

import dev.wsboot.protocol.extension.ExtensionAgreement;
import dev.wsboot.protocol.extension.ExtensionFactory;
import dev.wsboot.protocol.extension.ExtensionOffer;
import dev.wsboot.protocol.extension.ReversingExtension;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ExtensionNegotiation}: the offers of {@code Sec-WebSocket-Extensions} as
 * RFC 6455 §9.1 writes them, and one agreement per extension.
 */
class ExtensionNegotiationTests {

	private final ReversingExtension.Factory reverse = new ReversingExtension.Factory();

	@Test
	void offersAreReadWithTheirParametersInOrder() {
		List<ExtensionOffer> offers = ExtensionNegotiation
			.parse(List.of("permessage-deflate; client_max_window_bits, x-reverse;fast ; level=\"7\"", "x-other"));
		assertThat(offers).extracting(ExtensionOffer::toString)
			.containsExactly("permessage-deflate; client_max_window_bits", "x-reverse; fast; level=7", "x-other");
		assertThat(offers.get(1).has("FAST")).isTrue();
		assertThat(offers.get(1).value("level")).isEqualTo("7");
		assertThat(offers.get(0).value("client_max_window_bits")).isNull();
	}

	@Test
	void emptyListElementsAreIgnored() {
		assertThat(ExtensionNegotiation.parse(List.of(" , x-a ,, x-b, "))).extracting(ExtensionOffer::name)
			.containsExactly("x-a", "x-b");
	}

	@Test
	void aRepeatedParameterIsKeptForTheExtensionToJudge() {
		ExtensionOffer offer = ExtensionNegotiation.parse(List.of("x-a; p=1; p=2")).get(0);
		assertThat(offer.parameters()).extracting(ExtensionOffer.Parameter::value).containsExactly("1", "2");
	}

	@ParameterizedTest
	@ValueSource(strings = { "x-a;", "x-a; =1", "x-a; p=", "x-a; p=\"two words\"", "x-a; p=\"open", "x-a x-b",
			"x-a; p=1 2", "\"x-a\"", "x-a; p=\"\\" })
	void aMalformedHeaderIsABadRequest(String value) {
		assertThatExceptionOfType(HandshakeException.class).isThrownBy(() -> ExtensionNegotiation.parse(List.of(value)))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(400));
	}

	@Test
	void anExtensionPicksAmongItsOwnOffersAndAgreesOnce() {
		List<ExtensionAgreement> agreements = negotiate("x-reverse; slow, x-unknown, x-reverse; fast, x-reverse",
				this.reverse);
		assertThat(agreements).singleElement()
			.satisfies((agreement) -> assertThat(agreement.response()).hasToString("x-reverse; accepted"));
	}

	@Test
	void anExtensionWhoseOffersAreAllUnacceptableIsLeftOut() {
		assertThat(negotiate("x-reverse; slow", this.reverse)).isEmpty();
	}

	@Test
	void noHeaderOrNoFactoryMeansNoExtension() {
		assertThat(ExtensionNegotiation.negotiate(HttpHeaders.of(), List.of(this.reverse))).isEmpty();
		assertThat(negotiate("x-reverse")).isEmpty();
	}

	@Test
	void twoExtensionsOnTheSameBitAreNeverAgreedTogether() {
		ExtensionFactory rival = new NamedRsv1("x-rival");
		List<ExtensionAgreement> agreements = negotiate("x-rival, x-reverse", this.reverse, rival);
		assertThat(agreements).singleElement()
			.satisfies((agreement) -> assertThat(agreement.response().name()).isEqualTo("x-rival"));
	}

	@Test
	void theAcceptedHandshakeAnnouncesTheAgreements() {
		HandshakeRequest request = new HandshakeRequest("GET", "/chat", "/chat", null, "HTTP/1.1",
				HttpHeaders.of("Host", "example.com", "Upgrade", "websocket", "Connection", "Upgrade",
						"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version", "13",
						"Sec-WebSocket-Extensions", "x-reverse"));
		HandshakeResponse response = new Rfc6455HandshakeHandler().handshake(request,
				new UpgradeTarget("/chat", List.of(), List.of(this.reverse)));
		assertThat(response.isAccepted()).isTrue();
		assertThat(response.headers().first("Sec-WebSocket-Extensions")).isEqualTo("x-reverse; accepted");
		assertThat(response.extensions()).hasSize(1);
	}

	@Test
	void aResponseCannotAnnounceAnExtensionItDoesNotRun() {
		HandshakeResponse accepted = HandshakeResponse.accept("dGhlIHNhbXBsZSBub25jZQ==", null);
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> accepted.withHeader("sec-websocket-extensions", "permessage-deflate"));
	}

	private static List<ExtensionAgreement> negotiate(String header, ExtensionFactory... factories) {
		return ExtensionNegotiation.negotiate(HttpHeaders.of("Sec-WebSocket-Extensions", header), List.of(factories));
	}

	/** An extension that accepts any offer and uses RSV1. */
	private record NamedRsv1(String name) implements ExtensionFactory {

		@Override
		public int reservedBits() {
			return ReversingExtension.RSV1;
		}

		@Override
		public @Nullable ExtensionAgreement accept(List<ExtensionOffer> offers) {
			return new ExtensionAgreement(ExtensionOffer.of(this.name), ReversingExtension.RSV1, ReversingExtension::new);
		}

	}

}
