package dev.wsboot.actuate.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.wsboot.protocol.CloseStatus;
import dev.wsboot.server.WsServerObserver;
import dev.wsboot.server.WsSession;
import dev.wsboot.server.WsSessionRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Records the server's traffic in Micrometer, tagged by endpoint {@code path} as declared
 * (the template {@code /rooms/{room}}, never {@code /rooms/lobby}) and never by session or
 * message, so the number of time series stays bounded:
 * <ul>
 * <li>{@code ws.server.sessions.active} (gauge): open sessions per endpoint;</li>
 * <li>{@code ws.server.handshakes} (counter): upgrade requests by {@code outcome}
 * ({@code accepted}, {@code refused}) and HTTP {@code status}, which the handshake handler
 * chooses among 101 and 200-599;</li>
 * <li>{@code ws.server.messages.received} and {@code ws.server.messages.sent} (distribution
 * summaries in bytes, tagged {@code type} text or binary): their count is the number of
 * messages, their total the payload bytes;</li>
 * <li>{@code ws.server.message.handling} (timer): time in the handler per message;</li>
 * <li>{@code ws.server.messages.rejected} (counter): messages the endpoint could not take,
 * by {@code reason}: {@code invalid} (1007, such as malformed JSON) or {@code unsupported}
 * (1003, such as an unknown message type);</li>
 * <li>{@code ws.server.closes} (counter): sessions ended, by close {@code code}: the
 * registered codes 1000-1015 as themselves, the ranges the peer may choose from as
 * {@code 3xxx} and {@code 4xxx}, anything else as {@code other};</li>
 * <li>{@code ws.server.limits.exceeded} (counter): connections refused or dropped, by
 * {@code limit};</li>
 * <li>{@code ws.server.tls.failures} (counter): TLS connections dropped, by {@code reason}:
 * {@code handshake}, {@code not-tls} or {@code renegotiation}.</li>
 * </ul>
 */
public class WsServerMetrics implements WsServerObserver {

	private static final String UNKNOWN_PATH = "none";

	private final MeterRegistry registry;

	private final Map<String, EndpointMeters> endpoints = new ConcurrentHashMap<>();

	private final Map<String, Counter> limitCounters = new ConcurrentHashMap<>();

	private final Map<String, Counter> tlsFailureCounters = new ConcurrentHashMap<>();

	private final Map<String, Map<Integer, Counter>> handshakeCounters = new ConcurrentHashMap<>();

	public WsServerMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	/** Registers the active-session gauge of each endpoint path, read from the registry. */
	public void bindTo(WsSessionRegistry sessions, Iterable<String> paths) {
		for (String path : paths) {
			Gauge.builder("ws.server.sessions.active", sessions, (s) -> s.sessions(path).size())
				.description("Open WebSocket sessions")
				.tag("path", path)
				.register(this.registry);
			meters(path);
		}
	}

	private EndpointMeters meters(String path) {
		return this.endpoints.computeIfAbsent(path, (p) -> new EndpointMeters(this.registry, p));
	}

	@Override
	public void onHandshake(@Nullable String path, int status) {
		String tagPath = (path != null) ? path : UNKNOWN_PATH;
		Counter counter = this.handshakeCounters.computeIfAbsent(tagPath, (p) -> new ConcurrentHashMap<>())
			.computeIfAbsent(status, (code) -> Counter.builder("ws.server.handshakes")
				.description("WebSocket upgrade requests answered")
				.tag("path", tagPath)
				.tag("outcome", (code == 101) ? "accepted" : "refused")
				.tag("status", Integer.toString(code))
				.register(this.registry));
		counter.increment();
	}

	@Override
	public void onClose(WsSession session, CloseStatus status) {
		meters(session.template()).closes(status.code()).increment();
	}

	@Override
	public void onMessageReceived(WsSession session, boolean text, int payloadBytes) {
		EndpointMeters meters = meters(session.template());
		(text ? meters.textReceived : meters.binaryReceived).record(payloadBytes);
	}

	@Override
	public void onMessageSent(WsSession session, boolean text, int payloadBytes) {
		EndpointMeters meters = meters(session.template());
		(text ? meters.textSent : meters.binarySent).record(payloadBytes);
	}

	@Override
	public void onMessageRejected(WsSession session, int closeCode) {
		meters(session.template()).rejected(closeCode).increment();
	}

	@Override
	public void onHandlerCompleted(WsSession session, long nanos) {
		meters(session.template()).handling.record(nanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void onLimitExceeded(String limit) {
		this.limitCounters
			.computeIfAbsent(limit, (name) -> Counter.builder("ws.server.limits.exceeded")
				.description("WebSocket connections refused or dropped because a limit was reached")
				.tag("limit", name)
				.register(this.registry))
			.increment();
	}

	@Override
	public void onTlsFailure(String reason) {
		this.tlsFailureCounters
			.computeIfAbsent(reason, (name) -> Counter.builder("ws.server.tls.failures")
				.description("TLS connections dropped before or instead of a WebSocket session")
				.tag("reason", name)
				.register(this.registry))
			.increment();
	}

}
