package dev.wsboot.security;

import dev.wsboot.protocol.CloseCodes;
import dev.wsboot.protocol.CloseStatus;
import dev.wsboot.server.WsHandler;
import dev.wsboot.server.WsSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * A route's handler with Spring Security around every call, on whichever thread it runs (a
 * worker, or the I/O thread for non-blocking endpoints): the session's {@link Authentication}
 * is the security context's during the call, and what was there before is put back after,
 * so that method security in the application's services works as in a controller. An
 * {@link AccessDeniedException} from a call, a handler method's own {@code @PreAuthorize}
 * or a service's, goes to the endpoint's {@code @OnError} and closes the session with 1008
 * (policy violation), as a controller's would answer 403. The session is closed with 1008
 * too when its credentials expire.
 */
final class SecurityContextHandler implements WsHandler {

	static final CloseStatus DENIED = new CloseStatus(CloseCodes.POLICY_VIOLATION, "Access denied");

	private static final Logger logger = LoggerFactory.getLogger(SecurityContextHandler.class);

	private final WsHandler delegate;

	private final SecurityContextHolderStrategy contexts;

	private final CredentialExpiry expiry;

	SecurityContextHandler(WsHandler delegate, SecurityContextHolderStrategy contexts, CredentialExpiry expiry) {
		this.delegate = delegate;
		this.contexts = contexts;
		this.expiry = expiry;
	}

	@Override
	public void onOpen(WsSession session) {
		this.expiry.watch(session);
		call(session, () -> this.delegate.onOpen(session));
	}

	@Override
	public void onText(WsSession session, String text) {
		call(session, () -> this.delegate.onText(session, text));
	}

	@Override
	public void onBinary(WsSession session, byte[] data) {
		call(session, () -> this.delegate.onBinary(session, data));
	}

	@Override
	public void onPong(WsSession session, byte[] payload) {
		call(session, () -> this.delegate.onPong(session, payload));
	}

	@Override
	public void onClose(WsSession session, CloseStatus status) {
		this.expiry.unwatch(session);
		call(session, () -> this.delegate.onClose(session, status));
	}

	@Override
	public void onError(WsSession session, Throwable error) {
		call(session, () -> this.delegate.onError(session, error));
	}

	private void call(WsSession session, Runnable call) {
		SecurityContext previous = this.contexts.getContext();
		SecurityContext context = this.contexts.createEmptyContext();
		if (session.principal() instanceof Authentication authentication) {
			context.setAuthentication(authentication);
		}
		this.contexts.setContext(context);
		try {
			call.run();
		}
		catch (AccessDeniedException ex) {
			denied(session, ex);
		}
		finally {
			// A call nested in another's, on the I/O thread, leaves the outer one its context.
			this.contexts.setContext(previous);
		}
	}

	private void denied(WsSession session, AccessDeniedException ex) {
		logger.debug("Closing session {} of {} with 1008: {}", session.id(), session.template(), ex.getMessage());
		try {
			this.delegate.onError(session, ex);
		}
		catch (RuntimeException secondary) {
			logger.warn("WebSocket error handler for {} failed", session.template(), secondary);
		}
		if (session.isOpen()) {
			session.close(DENIED);
		}
	}

}
