package dev.wsboot.endpoint;

import java.lang.reflect.UndeclaredThrowableException;
import java.util.function.Supplier;

import dev.wsboot.protocol.CloseCodes;
import dev.wsboot.protocol.CloseStatus;
import dev.wsboot.server.WsHandler;
import dev.wsboot.server.WsSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.aop.support.AopUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.function.SingletonSupplier;

/**
 * The {@link WsHandler} of one {@link WsEndpoint @WsEndpoint} bean: calls its annotated
 * methods and sends back what {@link OnMessage @OnMessage} methods return.
 *
 * <p>An exception from a method propagates to the server, which hands it to
 * {@link #onError} and closes the session with 1011; {@code onError} calls the bean's
 * matching {@link OnError @OnError} method and only logs what that one throws.
 */
public final class WsEndpointHandler implements WsHandler {

	private static final Logger logger = LoggerFactory.getLogger(WsEndpointHandler.class);

	private static final CloseStatus TEXT_NOT_SUPPORTED = new CloseStatus(CloseCodes.UNSUPPORTED_DATA,
			"Text messages are not supported");

	private static final CloseStatus BINARY_NOT_SUPPORTED = new CloseStatus(CloseCodes.UNSUPPORTED_DATA,
			"Binary messages are not supported");

	private final SingletonSupplier<Target> target;

	/**
	 * Creates a handler calling the annotated methods of {@code endpoint}, which may be an
	 * AOP proxy.
	 * @throws WsEndpointDefinitionException if a method is declared in a way that cannot work
	 */
	public WsEndpointHandler(Object endpoint) {
		Class<?> endpointClass = ClassUtils.getUserClass(AopUtils.getTargetClass(endpoint));
		EndpointDefinition definition = EndpointDefinition.of(endpointClass);
		this.target = SingletonSupplier.of(new Target(endpoint, definition.bindTo(endpoint.getClass())));
	}

	/**
	 * Creates a handler for an endpoint bean obtained on first use, so that the bean may
	 * depend on the server, for example on its session registry.
	 */
	WsEndpointHandler(EndpointDefinition definition, Supplier<Object> endpoint) {
		this.target = SingletonSupplier.of(() -> {
			Object bean = endpoint.get();
			return new Target(bean, definition.bindTo(bean.getClass()));
		});
	}

	/** Obtains the endpoint bean now rather than on the first call. */
	void resolve() {
		this.target.obtain();
	}

	@Override
	public void onOpen(WsSession session) {
		Target target = this.target.obtain();
		EndpointMethod method = target.methods().onOpen();
		if (method != null) {
			method.invoke(target.bean(), session, null);
		}
	}

	@Override
	public void onText(WsSession session, String text) {
		Target target = this.target.obtain();
		EndpointMethod method = target.methods().onText();
		if (method != null) {
			method.invoke(target.bean(), session, text);
		}
		else {
			refuse(session, TEXT_NOT_SUPPORTED);
		}
	}

	@Override
	public void onBinary(WsSession session, byte[] data) {
		Target target = this.target.obtain();
		EndpointMethod method = target.methods().onBinary();
		if (method != null) {
			method.invoke(target.bean(), session, data);
		}
		else {
			refuse(session, BINARY_NOT_SUPPORTED);
		}
	}

	@Override
	public void onClose(WsSession session, CloseStatus status) {
		Target target = this.target.obtain();
		EndpointMethod method = target.methods().onClose();
		if (method != null) {
			method.invoke(target.bean(), session, status);
		}
	}

	@Override
	public void onError(WsSession session, Throwable error) {
		Throwable cause = (error instanceof UndeclaredThrowableException undeclared
				&& undeclared.getUndeclaredThrowable() != null) ? undeclared.getUndeclaredThrowable() : error;
		Target target = this.target.obtain();
		EndpointMethod method = target.methods().onError(cause);
		if (method == null) {
			logger.debug("No @OnError method of {} takes {} in session {}", target.bean().getClass().getName(),
					cause.getClass().getName(), session.id());
			return;
		}
		try {
			method.invoke(target.bean(), session, cause);
		}
		catch (RuntimeException ex) {
			logger.error("@OnError method {} failed in session {}", method.signature(), session.id(), ex);
		}
	}

	private static void refuse(WsSession session, CloseStatus status) {
		logger.debug("Closing session {}: {}", session.id(), status.reason());
		session.close(status);
	}

	private record Target(Object bean, EndpointDefinition methods) {
	}

}
