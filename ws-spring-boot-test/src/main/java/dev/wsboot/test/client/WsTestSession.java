package dev.wsboot.test.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import dev.wsboot.endpoint.WsMessageCodec;
import dev.wsboot.protocol.CloseStatus;
import dev.wsboot.server.PreparedMessage;
import dev.wsboot.test.client.Inbox.End;
import org.assertj.core.api.AssertProvider;
import org.jspecify.annotations.Nullable;

/**
 * An open WebSocket session of a {@link WsTestClient}: sends messages and raw frames, and
 * waits for what the server sends, each wait bounded by the client's timeout and failing
 * with what arrived instead. {@code assertThat(session)} gives a {@link WsTestSessionAssert}.
 *
 * <pre class="code">
 * WsTestSession session = ws.open("/rooms/{room}?name={name}", "lobby", "ann");
 * session.sendJson(new Say("hi"));
 * assertThat(session).nextMessage().json().isLenientlyEqualTo("{type: 'said', text: 'hi'}");
 * assertThat(session).receivesNothing();
 * </pre>
 *
 * <p>A thread per session reads what the server sends as a strict client would: it joins
 * fragments into messages, answers pings, echoes the server's close, and ends the session on
 * the first frame RFC 6455 forbids a server, which the next wait then reports. Messages wait
 * in order until a test takes them; pings and pongs are never taken as messages.
 *
 * <p>Send and wait from one thread at a time. Sessions opened during a test in a Spring test
 * context are closed after it; elsewhere, close them, for instance with try-with-resources.
 */
public final class WsTestSession implements AssertProvider<WsTestSessionAssert>, AutoCloseable {

	private final WsTestClient client;

	private final long sequence;

	private final WsUpgradeResponse upgrade;

	private final String target;

	private final Duration timeout;

	private final Inbox inbox = new Inbox();

	private final ReadGate readGate = new ReadGate();

	private final SessionConnection connection;

	private final SessionOutput output;

	private final Expectations expectations;

	private final PingRoundTrips pings;

	private final Thread reader;

	WsTestSession(WsTestClient client, long sequence, Socket socket, InputStream in, WsUpgradeResponse upgrade,
			String target, Duration timeout, int maxMessageSize) throws IOException {
		this.client = client;
		this.sequence = sequence;
		this.upgrade = upgrade;
		this.target = target;
		this.timeout = timeout;
		this.connection = new SessionConnection(socket, this.inbox, target);
		this.output = new SessionOutput(socket.getOutputStream(), target, this.inbox);
		this.expectations = new Expectations(this.inbox, target);
		this.pings = new PingRoundTrips(this.inbox, this.output, this.expectations);
		this.reader = new Thread(new SessionReader(in, this.inbox, this.output, this.readGate, this.connection,
				client.codec(), maxMessageSize), "ws-test-session-" + sequence);
		this.reader.setDaemon(true);
	}

	void start() {
		this.reader.start();
	}

	// ---- what it is ----

	/** The path and query the session was opened with, such as {@code /rooms/lobby?name=ann}. */
	public String target() {
		return this.target;
	}

	/** The server's {@code 101 Switching Protocols} and its headers. */
	public WsUpgradeResponse upgradeResponse() {
		return this.upgrade;
	}

	/** The subprotocol the server chose, or {@code null}. */
	public @Nullable String subprotocol() {
		return this.upgrade.subprotocol();
	}

	/** The client's end of the connection: the remote address of the server's session. */
	public InetSocketAddress localAddress() {
		return this.connection.localAddress();
	}

	/** Whether the session has not ended: no close frame received, the connection up. */
	public boolean isOpen() {
		return this.inbox.end() == null;
	}

	/** The server's close status once the session ended (1006 without a close frame), else {@code null}. */
	public @Nullable CloseStatus closeStatus() {
		End end = this.inbox.end();
		return (end != null) ? end.status() : null;
	}

	/** How long each wait of this session lasts before it fails. */
	public Duration timeout() {
		return this.timeout;
	}

	// ---- sending ----

	/** Sends a text message. */
	public WsTestSession sendText(String text) {
		return sendData(WsFrame.text(text));
	}

	/** Sends a binary message. */
	public WsTestSession sendBinary(byte[] data) {
		return sendData(WsFrame.binary(data));
	}

	/**
	 * Sends an object as the server's endpoints read it: as JSON text written by the
	 * application's {@code JsonMapper}, or by the codec the client was built with.
	 * @throws IllegalStateException when the client has no codec (no JSON library)
	 */
	public WsTestSession sendJson(Object value) {
		WsMessageCodec codec = this.client.codec();
		if (codec == null) {
			throw new IllegalStateException("This client has no codec to write " + value.getClass().getName()
					+ " with: add Jackson (spring-boot-starter-jackson) or build the client with"
					+ " WsTestClient.Builder.jsonCodec(...)");
		}
		PreparedMessage message = codec.encode(value);
		return sendData(message.isText() ? WsFrame.text(message.payload()) : WsFrame.binary(message.payload()));
	}

	/** Sends these frames, as they are, back to back in one write. */
	public WsTestSession sendFrames(WsFrame... frames) {
		this.output.send(frames);
		return this;
	}

	/** Sends these bytes as they are, in one write: anything at all. */
	public WsTestSession sendBytes(byte[] bytes) {
		this.output.send(bytes);
		return this;
	}

	/**
	 * Sends these bytes as they are, in writes of {@code writeSize} bytes (1 for one octet
	 * per write), each leaving at once: to test a server that gets frames in pieces.
	 */
	public WsTestSession sendBytes(byte[] bytes, int writeSize) {
		this.output.send(bytes, writeSize);
		return this;
	}

	/**
	 * Sends a ping and waits for its pong, leaving the messages that arrive meanwhile for
	 * {@link #nextMessage()}.
	 * @return the time the round trip took
	 * @throws AssertionError when no pong comes within the timeout, or the session ends first
	 */
	public Duration ping() {
		return ping(PingRoundTrips.newProbe().getBytes(StandardCharsets.ISO_8859_1));
	}

	/**
	 * Sends a ping with this payload, up to 125 bytes, and waits for the pong that carries
	 * it back, leaving the messages that arrive meanwhile for {@link #nextMessage()}.
	 * @return the time the round trip took
	 * @throws AssertionError when no such pong comes within the timeout, or the session ends
	 * first
	 */
	public Duration ping(byte[] payload) {
		return this.pings.roundTrip(payload, this.timeout);
	}

	private WsTestSession sendData(WsFrame frame) {
		this.output.send(frame.bytes());
		return this;
	}

	// ---- receiving ----

	/**
	 * Waits for the next message.
	 * @throws AssertionError when none comes within the timeout, or the session ends first,
	 * saying so
	 */
	public WsMessage nextMessage() {
		return nextMessage(this.timeout);
	}

	/** {@link #nextMessage()} with a timeout of its own. */
	public WsMessage nextMessage(Duration timeout) {
		return this.expectations.nextMessage(timeout, this.readGate.isPaused());
	}

	/** Waits for the next message and returns its text, failing if it is binary. */
	public String nextText() {
		return nextMessage().text();
	}

	/** Waits for the next message and returns its data, failing if it is text. */
	public byte[] nextBinary() {
		WsMessage message = nextMessage();
		if (!message.isBinary()) {
			throw new AssertionError("Expected a binary message from " + this.target + ", but received " + message);
		}
		return message.payload();
	}

	/**
	 * Waits for the next message and reads it into {@code type} with the client's codec (the
	 * application's {@code JsonMapper}), failing with the message if it does not fit.
	 */
	public <T> T nextJson(Class<T> type) {
		return nextMessage().decode(type);
	}

	/**
	 * Waits for the next ping the server sends, which the session has answered.
	 * @return its payload
	 */
	public byte[] nextPing() {
		return this.expectations.nextPing(this.timeout);
	}

	/**
	 * Checks that no message is on its way: fails on a message not taken yet, or one that
	 * arrives before the server is found done, without waiting a fixed time.
	 *
	 * <p>The server is done when, first, every session of this client that sent something
	 * since the last such check has had a ping answered, so the server has read it; then,
	 * with the test kit's {@link ServerActivity}, no handler call for those messages is
	 * running or waiting and the server has written everything it queued for this session;
	 * and last, a ping of this session is answered. A pong is written after everything
	 * handed to the network before it, on one connection, so a message queued by then would
	 * have come first. What the server has not queued by then, such as a message a scheduled
	 * task sends later, or one an {@code @OnOpen} or {@code @OnClose} method still running
	 * will send, is not covered: for that, wait a fixed time with
	 * {@link #expectNoMessage(Duration)}. Without a {@code ServerActivity} (a client built
	 * outside a Spring test context) only the ping round trips remain, which do not wait for
	 * handler calls running on worker threads.
	 * @throws AssertionError on a message, or when the session ends, saying what came
	 */
	public void expectNoMessage() {
		this.readGate.checkNotPaused(this.target);
		boolean endKnown = isEndKnown();
		String probe = PingRoundTrips.newProbe();
		if (!endKnown) {
			this.client.settle(this);
			this.pings.send(probe);
		}
		this.expectations.noMessageBefore(probe, this.timeout, endKnown);
	}

	/**
	 * Checks that no message arrives for {@code quiet}, waiting that long: for what
	 * {@link #expectNoMessage()} cannot see coming, such as a scheduled task.
	 * @throws AssertionError on a message, or when the session ends, saying what came
	 */
	public void expectNoMessage(Duration quiet) {
		this.expectations.noMessageFor(quiet, isEndKnown());
	}

	/**
	 * Waits for the server to close the session, as the next thing it does.
	 * @return its close status; 1006 when the connection ended without a close frame
	 * @throws AssertionError when a message comes first, the session stays open, or the
	 * server broke the protocol, saying what happened instead
	 */
	public CloseStatus awaitClose() {
		return awaitClose(this.timeout);
	}

	/** {@link #awaitClose()} with a timeout of its own. */
	public CloseStatus awaitClose(Duration timeout) {
		return this.expectations.close(timeout).status();
	}

	/**
	 * Waits for the server to close the session with {@code code}, as the next thing it does.
	 * @return its close status
	 * @throws AssertionError otherwise, saying what happened instead
	 */
	public CloseStatus expectClose(int code) {
		return this.expectations.close(code, this.timeout);
	}

	/**
	 * Waits for the server to end the connection, as it does after the closing handshake
	 * (RFC 6455 §7.1.1) or when it gives up on the client.
	 * @throws AssertionError when the connection is still up after the timeout, or the client
	 * ended it first, saying so
	 */
	public void expectConnectionEnd() {
		this.connection.expectEndedByServer(this.timeout);
	}

	// ---- flow control ----

	/**
	 * Stops reading from the connection: nothing more is received until
	 * {@link #resumeReading()}, and the server's writes back up once the network's buffers
	 * fill, as with a slow client. A frame being read goes on being read, but is held back
	 * too.
	 */
	public void pauseReading() {
		this.readGate.pause();
	}

	/** Reads again after {@link #pauseReading()}. */
	public void resumeReading() {
		this.readGate.resume();
	}

	// ---- ending ----

	/**
	 * Closes the session with 1000: sends a close frame, waits up to the timeout for the
	 * server's, then closes the connection. Messages not taken are dropped. Does nothing once
	 * closed.
	 */
	@Override
	public void close() {
		close(1000, "");
	}

	/** Closes the session with this code, as {@link #close()} does. */
	public void close(int code) {
		close(code, "");
	}

	/** Closes the session with this code and reason, as {@link #close()} does. */
	public void close(int code, String reason) {
		if (this.inbox.end() == null) {
			this.output.closeOnce(WsFrame.close(code, reason));
		}
		resumeReading();
		this.connection.closeAfterHandshake(this.timeout);
		this.client.closed(this);
	}

	/** Ends the connection at once with a TCP reset, without a closing handshake. */
	public void abort() {
		this.connection.reset();
		resumeReading();
		this.connection.awaitReader(this.timeout);
		this.client.closed(this);
	}

	/** Assertions on this session; the entry point {@code Assertions.assertThat(session)} calls. */
	@Override
	public WsTestSessionAssert assertThat() {
		return new WsTestSessionAssert(this);
	}

	@Override
	public String toString() {
		End end = this.inbox.end();
		return "WsTestSession[" + this.target + ((end != null) ? ", ended: " + end.description() : ", open") + "]";
	}

	private boolean isEndKnown() {
		return this.inbox.isEndSeen() || this.connection.isClosedByClient();
	}

	// ---- for the client ----

	long sequence() {
		return this.sequence;
	}

	boolean isPaused() {
		return this.readGate.isPaused();
	}

	boolean isUnsettled() {
		return this.output.isUnsettled();
	}

	/** Sends a ping whose pong counts down the latch returned, which the end counts down too. */
	CountDownLatch probe() {
		this.output.settled();
		return this.pings.probe();
	}

}
