package dev.wsboot.test.client;

import java.util.List;

import org.assertj.core.api.AbstractObjectAssert;
import org.assertj.core.api.AbstractStringAssert;
import org.assertj.core.api.Assertions;

/**
 * AssertJ assertions on the server's answer to an upgrade request, accepted or refused:
 *
 * <pre class="code">
 * assertThat(ws.connect("/admin").upgrade()).isRefused().hasStatus(401).hasHeader("WWW-Authenticate", "Bearer");
 * assertThat(ws.connect("/chat").subprotocols("v2", "v1").upgrade()).isAccepted().hasSubprotocol("v2");
 * </pre>
 *
 * Every failure shows the whole answer: status, headers and body.
 */
public class WsUpgradeResponseAssert extends AbstractObjectAssert<WsUpgradeResponseAssert, WsUpgradeResponse> {

	/** Assertions on {@code response}; {@code Assertions.assertThat(response)} makes them. */
	public WsUpgradeResponseAssert(WsUpgradeResponse response) {
		super(response, WsUpgradeResponseAssert.class);
	}

	/** Checks that the server switched to WebSocket: 101. */
	public WsUpgradeResponseAssert isAccepted() {
		isNotNull();
		if (!this.actual.isAccepted()) {
			throw failure("Expected the upgrade to be accepted, but %s", this.actual.describe());
		}
		return this;
	}

	/** Checks that the server refused to switch to WebSocket: anything but 101. */
	public WsUpgradeResponseAssert isRefused() {
		isNotNull();
		if (this.actual.isAccepted()) {
			throw failure("Expected the upgrade to be refused, but %s", this.actual.describe());
		}
		return this;
	}

	/** Checks the status code. */
	public WsUpgradeResponseAssert hasStatus(int status) {
		isNotNull();
		if (this.actual.status() != status) {
			throw failureWithActualExpected(this.actual.status(), status, "Expected status %d, but %s", status,
					this.actual.describe());
		}
		return this;
	}

	/** Checks that a header is present, its name in any case. */
	public WsUpgradeResponseAssert hasHeader(String name) {
		isNotNull();
		if (this.actual.headerValues(name).isEmpty()) {
			throw failure("Expected a %s header, but %s", name, this.actual.describe());
		}
		return this;
	}

	/** Checks that a header, its name in any case, has this value among its values. */
	public WsUpgradeResponseAssert hasHeader(String name, String value) {
		isNotNull();
		List<String> values = this.actual.headerValues(name);
		if (!values.contains(value)) {
			throw failureWithActualExpected(values, List.of(value), "Expected the header %s: %s, but %s", name, value,
					this.actual.describe());
		}
		return this;
	}

	/** Checks that a header is absent, its name in any case. */
	public WsUpgradeResponseAssert doesNotHaveHeader(String name) {
		isNotNull();
		if (!this.actual.headerValues(name).isEmpty()) {
			throw failure("Expected no %s header, but %s", name, this.actual.describe());
		}
		return this;
	}

	/** Checks that the server chose this subprotocol. */
	public WsUpgradeResponseAssert hasSubprotocol(String subprotocol) {
		return hasHeader("Sec-WebSocket-Protocol", subprotocol);
	}

	/** The body of the answer, for any string assertion. */
	public AbstractStringAssert<?> body() {
		isNotNull();
		return Assertions.assertThat(this.actual.body()).as(this.info.description());
	}

}
