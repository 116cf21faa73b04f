package dev.wsboot.endpoint;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Component;

/**
 * Marks a bean as the WebSocket endpoint of one path, handling its sessions with methods
 * annotated {@link OnOpen @OnOpen}, {@link OnMessage @OnMessage}, {@link OnClose @OnClose}
 * and {@link OnError @OnError}.
 *
 * <pre class="code">
 * &#64;WsEndpoint("/echo")
 * class EchoEndpoint {
 *
 *     &#64;OnMessage
 *     String echo(String text) {
 *         return text;
 *     }
 *
 * }
 * </pre>
 *
 * <p>One instance serves every session of the path, so keep per-connection state in
 * {@link dev.wsboot.server.WsSession#attributes()}. Calls for one session never overlap.
 * The methods are checked when the application starts, and a mistake such as an
 * unsupported parameter type stops it with a message naming the method.
 *
 * @see dev.wsboot.server.WsSessionRegistry
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface WsEndpoint {

	/** Alias for {@link #path()}. */
	@AliasFor("path")
	String value() default "";

	/**
	 * The exact request path the endpoint accepts upgrades on, starting with {@code /};
	 * {@code ${...}} placeholders are resolved. Empty means the {@code ws.path} property.
	 */
	@AliasFor("value")
	String path() default "";

	/**
	 * The subprotocols offered in the handshake, in order of preference. When a client asks
	 * for some, the first of these it also lists is chosen; none means no subprotocol.
	 */
	String[] subprotocols() default {};

	/**
	 * Whether the handler methods never block, so that they can run on the I/O thread that
	 * read the message, saving the hand-off to a worker thread. Never block in them then
	 * (no I/O, locks or waiting): a blocked I/O thread stalls every connection it serves.
	 */
	boolean nonBlocking() default false;

}
