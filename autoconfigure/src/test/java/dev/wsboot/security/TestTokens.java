package dev.wsboot.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;

/**
 * Real HS256-signed JWTs for tests, with the user as {@code sub} and roles in a
 * {@code roles} claim that {@link #converter()} turns into {@code ROLE_} authorities.
 */
final class TestTokens {

	static final SecretKey KEY = key("a test key of at least 256 bits, never used elsewhere");

	static final SecretKey OTHER_KEY = key("another key of at least 256 bits, signing forgeries");

	private TestTokens() {
	}

	private static SecretKey key(String text) {
		return new SecretKeySpec(text.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
	}

	/** A token for {@code user} with {@code roles}, valid for {@code ttl} from now (negative: expired). */
	static String token(String user, Duration ttl, String... roles) {
		return sign(KEY, user, ttl, roles);
	}

	/** A token for {@code user}, valid for ten minutes. */
	static String token(String user, String... roles) {
		return token(user, Duration.ofMinutes(10), roles);
	}

	/** A token signed with a key the server does not know. */
	static String forged(String user, String... roles) {
		return sign(OTHER_KEY, user, Duration.ofMinutes(10), roles);
	}

	private static String sign(SecretKey key, String user, Duration ttl, String... roles) {
		Instant now = Instant.now();
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.subject(user)
			.issuedAt(now.minusSeconds(60))
			.expiresAt(now.plus(ttl))
			.claim("roles", List.of(roles))
			.build();
		return NimbusJwtEncoder.withSecretKey(key)
			.build()
			.encode(org.springframework.security.oauth2.jwt.JwtEncoderParameters.from(
					JwsHeader.with(MacAlgorithm.HS256).build(), claims))
			.getTokenValue();
	}

	static JwtDecoder decoder() {
		return NimbusJwtDecoder.withSecretKey(KEY).macAlgorithm(MacAlgorithm.HS256).build();
	}

	static JwtAuthenticationConverter converter() {
		JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
		authorities.setAuthoritiesClaimName("roles");
		authorities.setAuthorityPrefix("ROLE_");
		JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
		converter.setJwtGrantedAuthoritiesConverter(authorities);
		return converter;
	}

}
