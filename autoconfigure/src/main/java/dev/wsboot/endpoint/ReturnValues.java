package dev.wsboot.endpoint;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;

import dev.wsboot.protocol.CloseStatus;
import dev.wsboot.server.PreparedMessage;
import dev.wsboot.server.WsSession;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;

/**
 * What becomes of an endpoint method's return value, decided once per method: the
 * application's {@link WsReturnValueHandler handlers} are asked first; otherwise a value is
 * sent to the session (text and bytes as they are, anything else through the codecs), and a
 * {@link CompletionStage} is sent when it completes.
 */
final class ReturnValues {

	private static final Logger logger = LoggerFactory.getLogger(ReturnValues.class);

	private ReturnValues() {
	}

	/** Deals with one method's return value. */
	@FunctionalInterface
	interface Handling {

		void handle(@Nullable Object value, WsSession session);

	}

	/**
	 * The handling of {@code returnType}, or {@code null} for {@code void}.
	 * @throws IllegalArgumentException when nothing can send values of that type
	 */
	static @Nullable Handling forType(MethodParameter returnType, EndpointSupport support) {
		Class<?> type = returnType.getParameterType();
		if (type == void.class || type == Void.class) {
			return null;
		}
		for (WsReturnValueHandler handler : support.returnValueHandlers()) {
			if (handler.supportsReturnType(returnType)) {
				return (value, session) -> handler.handleReturnValue(value, returnType, session);
			}
		}
		if (CompletionStage.class.isAssignableFrom(type)) {
			Class<?> completed = ResolvableType.forMethodParameter(returnType).as(CompletionStage.class)
				.getGeneric(0)
				.toClass();
			checkEncodable(completed, support);
			return (value, session) -> whenComplete(value, session, support.codecs());
		}
		checkEncodable(type, support);
		return (value, session) -> send(value, session, support.codecs());
	}

	private static void checkEncodable(Class<?> type, EndpointSupport support) {
		if (type != Void.class && !support.codecs().canEncode(type)) {
			throw new IllegalArgumentException("no message codec writes a " + type.getName());
		}
	}

	private static void whenComplete(@Nullable Object stage, WsSession session, EndpointCodecs codecs) {
		if (stage == null) {
			return;
		}
		((CompletionStage<?>) stage).whenComplete((value, failure) -> {
			Throwable problem = failure;
			if (problem == null) {
				try {
					send(value, session, codecs);
					return;
				}
				catch (RuntimeException ex) {
					// Thrown here, it would only fail the stage whenComplete returns, which no one reads.
					problem = ex;
				}
			}
			logger.warn("The reply of a handler for {} could not be sent; closing session {} with 1011",
					session.template(), session.id(), problem);
			session.close(CloseStatus.INTERNAL_ERROR);
		});
	}

	static void send(@Nullable Object value, WsSession session, EndpointCodecs codecs) {
		if (value == null) {
			return;
		}
		if (value instanceof CharSequence text) {
			session.sendText(text);
		}
		else if (value instanceof byte[] bytes) {
			session.sendBinary(bytes);
		}
		else if (value instanceof ByteBuffer buffer) {
			session.sendBinary(buffer);
		}
		else if (value instanceof PreparedMessage prepared) {
			session.send(prepared);
		}
		else {
			session.send(codecs.encode(value));
		}
	}

}
