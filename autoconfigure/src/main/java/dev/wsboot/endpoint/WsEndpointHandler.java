package dev.wsboot.endpoint;

import java.lang.reflect.UndeclaredThrowableException;
import java.util.function.Supplier;

import dev.wsboot.protocol.CloseCodes;
import dev.wsboot.protocol.CloseStatus;
import dev.wsboot.server.WsHandler;
import dev.wsboot.server.WsServerObserver;
import dev.wsboot.server.WsSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.util.function.SingletonSupplier;

/**
 * The {@link WsHandler} of one {@link WsEndpoint @WsEndpoint} bean: calls its annotated
 * methods, sending what they return, and answers messages they cannot take.
 *
 * <p>An exception from a method propagates to the server, which hands it to
 * {@link #onError} and closes the session with 1011; {@code onError} calls the bean's
 * matching {@link OnError @OnError} method and only logs what that one throws. A message
 * the endpoint cannot take is the client's fault, not the server's: see
 * {@link WsDecodeException}, which a codec, the validation of a payload, a
 * {@link WsArgumentResolver} or the method itself may throw.
 */
final class WsEndpointHandler implements WsHandler {

	private static final Logger logger = LoggerFactory.getLogger(WsEndpointHandler.class);

	private static final CloseStatus TEXT_NOT_SUPPORTED = new CloseStatus(CloseCodes.UNSUPPORTED_DATA,
			"Text messages are not supported");

	private static final CloseStatus BINARY_NOT_SUPPORTED = new CloseStatus(CloseCodes.UNSUPPORTED_DATA,
			"Binary messages are not supported");

	private final EndpointDefinition definition;

	private final SingletonSupplier<Object> bean;

	private final Supplier<WsServerObserver> observer;

	/**
	 * Creates a handler for an endpoint bean obtained on first use, so that the bean may
	 * depend on the server, for example on its session registry.
	 * @param observer hears of the messages the endpoint could not take; obtained when the
	 * first one arrives
	 */
	WsEndpointHandler(EndpointDefinition definition, Supplier<Object> endpoint, Supplier<WsServerObserver> observer) {
		this.definition = definition;
		this.observer = observer;
		this.bean = SingletonSupplier.of(() -> {
			Object bean = endpoint.get();
			definition.bindTo(bean.getClass());
			return bean;
		});
	}

	/** Obtains the endpoint bean now rather than on the first call. */
	void resolve() {
		this.bean.obtain();
	}

	@Override
	public void onOpen(WsSession session) {
		EndpointMethod method = this.definition.onOpen();
		if (method != null) {
			method.invoke(this.bean.obtain(), session, null);
		}
	}

	@Override
	public void onText(WsSession session, String text) {
		dispatch(this.definition.text(), session, text, TEXT_NOT_SUPPORTED);
	}

	@Override
	public void onBinary(WsSession session, byte[] data) {
		dispatch(this.definition.binary(), session, data, BINARY_NOT_SUPPORTED);
	}

	private void dispatch(MessageDispatch dispatch, WsSession session, Object message, CloseStatus notSupported) {
		Object bean = this.bean.obtain();
		if (!dispatch.isHandled()) {
			rejected(session, new WsDecodeException(notSupported.code(), notSupported.reason(), null));
			return;
		}
		try {
			MessageDispatch.Target target = dispatch.target(message);
			// An argument resolver, or the method itself, may find what the peer sent unfit
			// too: the client's fault all the same, answered as a message no codec reads.
			target.method().invoke(bean, session, target.event());
		}
		catch (WsDecodeException ex) {
			rejected(session, ex);
		}
	}

	/** A message the endpoint could not take: answered by an @OnError method for it, or closed. */
	private void rejected(WsSession session, WsDecodeException ex) {
		this.observer.get().onMessageRejected(session, ex.closeCode());
		EndpointMethod answer = this.definition.onDecodeError(ex);
		if (answer != null) {
			answer.invoke(this.bean.obtain(), session, ex);
			return;
		}
		logger.debug("Closing session {} of {} with {}: {}", session.id(), session.template(), ex.closeCode(),
				ex.getMessage());
		session.close(ex.toCloseStatus());
	}

	@Override
	public void onClose(WsSession session, CloseStatus status) {
		EndpointMethod method = this.definition.onClose();
		if (method != null) {
			method.invoke(this.bean.obtain(), session, status);
		}
	}

	@Override
	public void onError(WsSession session, Throwable error) {
		Throwable cause = (error instanceof UndeclaredThrowableException undeclared
				&& undeclared.getUndeclaredThrowable() != null) ? undeclared.getUndeclaredThrowable() : error;
		Object bean = this.bean.obtain();
		EndpointMethod method = this.definition.onError(cause);
		if (method == null) {
			logger.debug("No @OnError method of {} takes {} in session {}", bean.getClass().getName(),
					cause.getClass().getName(), session.id());
			return;
		}
		try {
			method.invoke(bean, session, cause);
		}
		catch (RuntimeException ex) {
			logger.error("@OnError method {} failed in session {}", method.signature(), session.id(), ex);
		}
	}

}
