package dev.wsboot.server;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.time.Instant;
import java.util.Map;

import javax.net.ssl.SSLSession;

import dev.wsboot.handshake.HttpHeaders;
import dev.wsboot.handshake.QueryParameters;
import dev.wsboot.protocol.CloseStatus;
import org.jspecify.annotations.Nullable;

/**
 * One open WebSocket connection, as the application sees it. Every method is safe to call
 * from any thread, for example from a scheduled task pushing updates; messages sent from
 * one thread are written in the order they were sent.
 *
 * <p>Sending never blocks: a message is queued and written as the peer reads. The result
 * says whether it was queued, see {@link SendResult}.
 */
public interface WsSession {

	/** A server-unique id for this session. */
	String id();

	/**
	 * The client's address: the TCP peer's, or, when the peer is a trusted proxy
	 * ({@code ws.forwarded.trusted-proxies}), the client it forwarded the request for.
	 */
	InetSocketAddress remoteAddress();

	/**
	 * {@code wss} when the client connected over TLS, to the server or to the trusted proxy
	 * that forwarded the request; else {@code ws}.
	 */
	default String scheme() {
		return "ws";
	}

	/**
	 * Who the client is, as the handshake found (with Spring Security, the
	 * {@code Authentication}); {@code null} for an anonymous client.
	 */
	default @Nullable Principal principal() {
		return null;
	}

	/** The path of the handshake request, e.g. {@code /rooms/lobby}, as sent (percent-encoded). */
	String path();

	/**
	 * The path template of the endpoint serving the session, e.g. {@code /rooms/{room}}; the
	 * path itself for a literal one. Metrics and the registry group sessions by it.
	 */
	String template();

	/** The values of the template's variables, percent-decoded, by name; empty for a literal path. */
	Map<String, String> pathVariables();

	/** The query of the handshake request, without the {@code ?}, or {@code null}. */
	@Nullable String query();

	/** The parameters of the handshake request's query, decoded. */
	QueryParameters queryParameters();

	/**
	 * The headers of the handshake request, but those only the handshake itself uses
	 * ({@code Upgrade}, {@code Connection}, {@code Sec-WebSocket-Key},
	 * {@code Sec-WebSocket-Version}, {@code Sec-WebSocket-Extensions}): a session lives long
	 * and keeps what an application may want, such as {@code Host}, {@code Origin},
	 * {@code User-Agent} or {@code Cookie}. The handshake's outcome is in {@link #subprotocol()}.
	 */
	HttpHeaders headers();

	/** The subprotocol agreed in the handshake, or {@code null}. */
	@Nullable String subprotocol();

	/** Application attributes of this session; a thread-safe map, created on first use. */
	Map<String, Object> attributes();

	/** When the handshake completed. */
	Instant openedAt();

	/** Whether the session runs over TLS ({@code wss://}). */
	default boolean isSecure() {
		return sslSession() != null;
	}

	/**
	 * The TLS session of the connection: its protocol, cipher suite and, when the server
	 * asked for them ({@code ws.ssl.client-auth}), the client's certificates; {@code null}
	 * over plain TCP.
	 */
	default @Nullable SSLSession sslSession() {
		return null;
	}

	/** Whether messages can still be sent: no close frame has been sent or received. */
	boolean isOpen();

	/** Sends a text message. */
	SendResult sendText(CharSequence text);

	/** Sends a binary message; the array must not be changed afterwards. */
	SendResult sendBinary(byte[] data);

	/** Sends a binary message with the buffer's remaining bytes; the buffer must not be changed afterwards. */
	SendResult sendBinary(ByteBuffer data);

	/** Sends a message encoded once for many sessions, see {@link PreparedMessage}. */
	SendResult send(PreparedMessage message);

	/**
	 * Sends an object, encoded the way the session's endpoint encodes what its methods
	 * return: text for a {@link CharSequence}, binary for {@code byte[]} and
	 * {@link ByteBuffer}, and other objects through the application's message codecs (JSON
	 * by default) in a Spring application.
	 * @throws IllegalArgumentException when no codec can encode it
	 */
	SendResult send(Object message);

	/** Sends a ping; the peer answers with a pong carrying the same payload (at most 125 bytes). */
	SendResult sendPing(byte[] payload);

	/** Starts the closing handshake with 1000 (normal closure). */
	default void close() {
		close(CloseStatus.NORMAL);
	}

	/** Starts the closing handshake with the given status. */
	void close(CloseStatus status);

	/** Bytes queued for this session and not yet written to the socket. */
	long bufferedAmount();

	/** Traffic counters of this session. */
	WsSessionStatistics statistics();

}
