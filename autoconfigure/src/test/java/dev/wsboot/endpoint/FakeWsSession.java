package dev.wsboot.endpoint;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.wsboot.handshake.HttpHeaders;
import dev.wsboot.handshake.QueryParameters;
import dev.wsboot.protocol.CloseStatus;
import dev.wsboot.server.PreparedMessage;
import dev.wsboot.server.SendResult;
import dev.wsboot.server.WsMessageEncoder;
import dev.wsboot.server.WsSession;
import dev.wsboot.server.WsSessionStatistics;
import org.jspecify.annotations.Nullable;

/**
 * A {@link WsSession} without a connection that records what is sent and how it is closed.
 */
public class FakeWsSession implements WsSession {

	private final List<Object> sent = new ArrayList<>();

	private final Map<String, Object> attributes = new ConcurrentHashMap<>();

	private @Nullable CloseStatus closeStatus;

	private String template = "/test";

	private Map<String, String> pathVariables = Map.of();

	private @Nullable String query;

	private WsMessageEncoder encoder = WsMessageEncoder.STANDARD;

	/** Serves the session as if from an endpoint at {@code template}, with these variables. */
	public FakeWsSession at(String template, Map<String, String> pathVariables) {
		this.template = template;
		this.pathVariables = pathVariables;
		return this;
	}

	/** Gives the session a handshake query. */
	public FakeWsSession withQuery(String query) {
		this.query = query;
		return this;
	}

	/** Encodes what {@link #send(Object)} is given with this encoder. */
	public FakeWsSession encodingWith(WsMessageEncoder encoder) {
		this.encoder = encoder;
		return this;
	}

	/** What was sent: a {@link String} per text message, a {@code byte[]} per binary one. */
	public List<Object> sent() {
		return this.sent;
	}

	/** The status the session was closed with, or {@code null}. */
	public @Nullable CloseStatus closeStatus() {
		return this.closeStatus;
	}

	@Override
	public String id() {
		return "fake-1";
	}

	@Override
	public InetSocketAddress remoteAddress() {
		return InetSocketAddress.createUnresolved("localhost", 50000);
	}

	@Override
	public String path() {
		return "/test";
	}

	@Override
	public String template() {
		return this.template;
	}

	@Override
	public Map<String, String> pathVariables() {
		return this.pathVariables;
	}

	@Override
	public @Nullable String query() {
		return this.query;
	}

	@Override
	public QueryParameters queryParameters() {
		return QueryParameters.parse(this.query);
	}

	@Override
	public HttpHeaders headers() {
		return new HttpHeaders();
	}

	@Override
	public @Nullable String subprotocol() {
		return null;
	}

	@Override
	public Map<String, Object> attributes() {
		return this.attributes;
	}

	@Override
	public Instant openedAt() {
		return Instant.EPOCH;
	}

	@Override
	public boolean isOpen() {
		return this.closeStatus == null;
	}

	@Override
	public SendResult sendText(CharSequence text) {
		return record(text.toString());
	}

	@Override
	public SendResult sendBinary(byte[] data) {
		return record(data);
	}

	@Override
	public SendResult sendBinary(ByteBuffer data) {
		byte[] bytes = new byte[data.remaining()];
		data.get(bytes);
		return record(bytes);
	}

	@Override
	public SendResult send(PreparedMessage message) {
		return record(message);
	}

	/** Records text as a {@link String} and binary as a {@code byte[]}, whatever encoded it. */
	@Override
	public SendResult send(Object message) {
		PreparedMessage prepared = this.encoder.encode(message);
		return record(prepared.isText() ? new String(prepared.payload(), StandardCharsets.UTF_8) : prepared.payload());
	}

	@Override
	public SendResult sendPing(byte[] payload) {
		return SendResult.QUEUED;
	}

	@Override
	public void close(CloseStatus status) {
		if (this.closeStatus == null) {
			this.closeStatus = status;
		}
	}

	@Override
	public long bufferedAmount() {
		return 0;
	}

	@Override
	public WsSessionStatistics statistics() {
		return new WsSessionStatistics() {

			@Override
			public long messagesReceived() {
				return 0;
			}

			@Override
			public long bytesReceived() {
				return 0;
			}

			@Override
			public long messagesSent() {
				return FakeWsSession.this.sent.size();
			}

			@Override
			public long bytesSent() {
				return 0;
			}

		};
	}

	private SendResult record(Object message) {
		if (!isOpen()) {
			return SendResult.CLOSED;
		}
		this.sent.add(message);
		return SendResult.QUEUED;
	}

}
