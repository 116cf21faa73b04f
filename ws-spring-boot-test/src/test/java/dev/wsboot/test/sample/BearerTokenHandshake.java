package dev.wsboot.test.sample;

import dev.wsboot.handshake.HandshakeHandler;
import dev.wsboot.handshake.HandshakeRequest;
import dev.wsboot.handshake.HandshakeResponse;
import dev.wsboot.handshake.Rfc6455HandshakeHandler;
import dev.wsboot.handshake.UpgradeTarget;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The security of the upgrade, as an application writes it: {@code /secure} wants the
 * bearer token {@code let-me-in}, and refuses others with 401.
 */
@Component
public class BearerTokenHandshake implements HandshakeHandler {

	private final HandshakeHandler standard = new Rfc6455HandshakeHandler();

	@Override
	public HandshakeResponse handshake(HandshakeRequest request, @Nullable UpgradeTarget target) {
		if (request.path().equals("/secure") && !"Bearer let-me-in".equals(request.header("Authorization"))) {
			return HandshakeResponse.reject(401, "Log in first").withHeader("WWW-Authenticate", "Bearer");
		}
		return this.standard.handshake(request, target);
	}

}
