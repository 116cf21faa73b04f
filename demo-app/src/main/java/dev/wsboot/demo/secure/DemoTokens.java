package dev.wsboot.demo.secure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

/**
 * Signs and checks the demo's JWTs (HS256) with the demo-only key {@code demo.jwt.secret}:
 * the user as {@code sub}, the role, if any, in {@code roles}, which
 * {@code spring.security.oauth2.resourceserver.jwt.authorities-claim-name} and
 * {@code authority-prefix} turn into the authority {@code ROLE_<role>}, as
 * {@code hasRole('ADMIN')} expects. A real application checks tokens from its identity
 * provider instead, and never signs its own with a key in its configuration.
 */
@Component
public class DemoTokens {

	private final SecretKey key;

	public DemoTokens(@Value("${demo.jwt.secret}") String secret) {
		this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
	}

	/** A token for {@code user} with {@code role}, if any, valid for {@code ttl} from now; expired for 0 or less. */
	public String issue(String user, @Nullable String role, Duration ttl) {
		Instant now = Instant.now();
		Instant expiresAt = now.plus(ttl);
		// A token that is expired already was issued before it expired, as JWTs must be.
		Instant issuedAt = expiresAt.isAfter(now) ? now : expiresAt.minusSeconds(1);
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.subject(user)
			.issuedAt(issuedAt)
			.expiresAt(expiresAt)
			.claim("roles", (role != null) ? List.of(role) : List.of())
			.build();
		return NimbusJwtEncoder.withSecretKey(this.key)
			.build()
			.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
			.getTokenValue();
	}

	/** What checks the tokens of upgrades to {@code /private} and {@code /admin}. */
	JwtDecoder decoder() {
		return NimbusJwtDecoder.withSecretKey(this.key).macAlgorithm(MacAlgorithm.HS256).build();
	}

}
