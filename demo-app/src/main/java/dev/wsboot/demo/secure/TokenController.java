package dev.wsboot.demo.secure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /api/token?user=NAME[&role=ROLE][&ttl=SECONDS]}: a JWT as text, for anyone who
 * asks, valid {@code ttl} seconds (600 by default; 0 or less gives an expired one). A demo
 * stand-in for an identity provider: it proves nothing about who asks.
 */
@RestController
class TokenController {

	/** A day: long enough for any demo. */
	private static final long MAX_TTL_SECONDS = 24 * 60 * 60;

	private final DemoTokens tokens;

	TokenController(DemoTokens tokens) {
		this.tokens = tokens;
	}

	@GetMapping(path = "/api/token", produces = MediaType.TEXT_PLAIN_VALUE)
	String token(@RequestParam String user, @RequestParam(required = false) @Nullable String role,
			@RequestParam(defaultValue = "600") long ttl) {
		if (user.isBlank() || user.length() > 64) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "user must have 1 to 64 characters");
		}
		if (ttl < -MAX_TTL_SECONDS || ttl > MAX_TTL_SECONDS) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "ttl must be within a day");
		}
		return this.tokens.issue(user, (role != null && !role.isBlank()) ? role : null, Duration.ofSeconds(ttl));
	}

}
