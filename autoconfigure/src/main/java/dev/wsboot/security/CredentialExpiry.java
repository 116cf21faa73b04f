package dev.wsboot.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.wsboot.protocol.CloseCodes;
import dev.wsboot.protocol.CloseStatus;
import dev.wsboot.server.WsSession;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.security.core.Authentication;
import org.springframework.util.ClassUtils;

/**
 * Closes sessions with 1008 when their credentials expire, such as a JWT at its {@code exp}:
 * a session lives longer than the request that opened it, and must not outlive what
 * authenticated it. One daemon thread, {@code ws-credential-expiry}, waits for every
 * session's moment; a session that ends first takes its timer back.
 */
public final class CredentialExpiry implements DisposableBean {

	/** The status a session whose credentials expired is closed with. */
	public static final CloseStatus EXPIRED = new CloseStatus(CloseCodes.POLICY_VIOLATION, "Credentials expired");

	private static final Logger logger = LoggerFactory.getLogger(CredentialExpiry.class);

	private static final boolean OAUTH2_PRESENT = ClassUtils.isPresent(
			"org.springframework.security.oauth2.core.AbstractOAuth2Token", CredentialExpiry.class.getClassLoader());

	private static final String TIMER_ATTRIBUTE = CredentialExpiry.class.getName() + ".timer";

	private final ScheduledThreadPoolExecutor timers;

	private final Clock clock;

	/** Watches expiries by the system clock. */
	public CredentialExpiry() {
		this(Clock.systemUTC());
	}

	CredentialExpiry(Clock clock) {
		this.clock = clock;
		this.timers = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, "ws-credential-expiry");
			thread.setDaemon(true);
			return thread;
		});
		// A session that ends early must not leave its timer queued until its expiry.
		this.timers.setRemoveOnCancelPolicy(true);
	}

	/**
	 * When the credentials of {@code authentication} expire: the expiry of an OAuth 2.0
	 * token (a JWT's {@code exp}), or {@code null} when they have none this knows of.
	 */
	public static @Nullable Instant expiresAt(Authentication authentication) {
		return OAUTH2_PRESENT ? OAuth2Expiry.of(authentication) : null;
	}

	/** Whether the credentials of {@code authentication} have expired. */
	boolean isExpired(Authentication authentication) {
		Instant expiry = expiresAt(authentication);
		return expiry != null && !this.clock.instant().isBefore(expiry);
	}

	/** Closes the session when its principal's credentials expire; nothing for one without expiry. */
	void watch(WsSession session) {
		if (!(session.principal() instanceof Authentication authentication)) {
			return;
		}
		Instant expiry = expiresAt(authentication);
		if (expiry == null) {
			return;
		}
		long delay = Math.max(0, Duration.between(this.clock.instant(), expiry).toMillis());
		ScheduledFuture<?> timer = this.timers.schedule(() -> expire(session), delay, TimeUnit.MILLISECONDS);
		session.attributes().put(TIMER_ATTRIBUTE, timer);
	}

	/** The session ended: its timer is not needed any more. */
	void unwatch(WsSession session) {
		Object timer = session.attributes().remove(TIMER_ATTRIBUTE);
		if (timer instanceof ScheduledFuture<?> future) {
			future.cancel(false);
		}
	}

	private static void expire(WsSession session) {
		if (session.isOpen()) {
			logger.debug("Closing session {}: the credentials of {} expired", session.id(),
					(session.principal() != null) ? session.principal().getName() : null);
			session.close(EXPIRED);
		}
	}

	@Override
	public void destroy() {
		this.timers.shutdownNow();
	}

	/** Kept apart so that the OAuth 2.0 types are loaded only when present. */
	private static final class OAuth2Expiry {

		static @Nullable Instant of(Authentication authentication) {
			// The token is the credentials of a JWT or opaque token authentication, and the
			// principal of a JWT one too, should a provider have erased the credentials.
			for (Object held : new Object[] { authentication.getCredentials(), authentication.getPrincipal() }) {
				if (held instanceof org.springframework.security.oauth2.core.AbstractOAuth2Token token) {
					return token.getExpiresAt();
				}
			}
			return null;
		}

	}

}
