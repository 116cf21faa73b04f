package dev.wsboot.actuate.endpoint;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import dev.wsboot.endpoint.WsEndpointDescriptor;
import dev.wsboot.server.WsSession;
import dev.wsboot.server.WsSessionRegistry;
import dev.wsboot.server.WsSessionStatistics;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The {@code websockets} Actuator endpoint: each {@code @WsEndpoint} (path, bean, handler
 * methods, open session count) and the open sessions with their traffic counters. It shows
 * no payloads and no header values; at most {@value #MAX_SESSIONS} sessions are listed.
 */
@Endpoint(id = "websockets")
public class WebSocketsEndpoint {

	/** Sessions listed at most, so that a busy server answers with a bounded document. */
	static final int MAX_SESSIONS = 1000;

	private final List<WsEndpointDescriptor> endpoints;

	private final WsSessionRegistry sessions;

	public WebSocketsEndpoint(List<WsEndpointDescriptor> endpoints, WsSessionRegistry sessions) {
		this.endpoints = List.copyOf(endpoints);
		this.sessions = sessions;
	}

	@ReadOperation
	public WebSocketsDescriptor websockets() {
		List<EndpointDescriptor> endpointDescriptors = this.endpoints.stream()
			.map((endpoint) -> new EndpointDescriptor(endpoint.path(), endpoint.beanName(), endpoint.beanType(),
					endpoint.handlerMethods(), endpoint.subprotocols(), endpoint.nonBlocking(),
					this.sessions.sessions(endpoint.path()).size()))
			.toList();
		Collection<WsSession> open = this.sessions.all();
		List<SessionDescriptor> sessionDescriptors = open.stream()
			.limit(MAX_SESSIONS)
			.map(SessionDescriptor::of)
			.toList();
		return new WebSocketsDescriptor(endpointDescriptors, this.sessions.count(), sessionDescriptors);
	}

	/**
	 * The endpoint's answer.
	 * @param endpoints every WebSocket endpoint
	 * @param openSessions how many sessions are open
	 * @param sessions the open sessions, at most {@value WebSocketsEndpoint#MAX_SESSIONS}
	 */
	public record WebSocketsDescriptor(List<EndpointDescriptor> endpoints, int openSessions,
			List<SessionDescriptor> sessions) {
	}

	/**
	 * One {@code @WsEndpoint}.
	 * @param path the path it serves
	 * @param bean the bean name
	 * @param type the bean class
	 * @param handlerMethods its handler methods by annotation
	 * @param subprotocols the subprotocols it offers
	 * @param nonBlocking whether its methods run on the I/O thread
	 * @param openSessions how many of its sessions are open
	 */
	public record EndpointDescriptor(String path, String bean, String type, Map<String, List<String>> handlerMethods,
			List<String> subprotocols, boolean nonBlocking, int openSessions) {
	}

	/**
	 * One open session.
	 * @param id the session id
	 * @param endpoint the path template of the session's endpoint, such as {@code /rooms/{room}}
	 * @param path the path the session asked for, such as {@code /rooms/lobby}
	 * @param remoteAddress the peer's address
	 * @param openedAt when the handshake completed
	 * @param messagesReceived messages received
	 * @param bytesReceived payload bytes received
	 * @param messagesSent messages sent
	 * @param bytesSent payload bytes sent
	 * @param bufferedBytes bytes queued and not yet written
	 */
	public record SessionDescriptor(String id, String endpoint, String path, String remoteAddress, Instant openedAt,
			long messagesReceived, long bytesReceived, long messagesSent, long bytesSent, long bufferedBytes) {

		static SessionDescriptor of(WsSession session) {
			WsSessionStatistics statistics = session.statistics();
			InetSocketAddress remote = session.remoteAddress();
			return new SessionDescriptor(session.id(), session.template(), session.path(),
					remote.getHostString() + ":" + remote.getPort(),
					session.openedAt(), statistics.messagesReceived(), statistics.bytesReceived(),
					statistics.messagesSent(), statistics.bytesSent(), session.bufferedAmount());
		}

	}

}
