package dev.wsboot.test.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

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

	private static final AtomicLong probes = new AtomicLong();

	private final WsTestClient client;

	private final long sequence;

	private final Socket socket;

	private final WsUpgradeResponse upgrade;

	private final String target;

	private final Duration timeout;

	private final Inbox inbox = new Inbox();

	private final SessionOutput output;

	private final Expectations expectations;

	private final Object pauseLock = new Object();

	private final CountDownLatch readerDone = new CountDownLatch(1);

	private final Thread reader;

	private boolean paused;

	/** Whether the server ended the connection: end of stream, or a reset. */
	private volatile boolean connectionEnded;

	/** Whether the client closed, or reset, the connection itself. */
	private volatile boolean closedByClient;

	/** Whether data was sent since the last {@link WsTestClient#settle()}. */
	private volatile boolean unsettled;

	WsTestSession(WsTestClient client, long sequence, Socket socket, InputStream in, WsUpgradeResponse upgrade,
			String target, Duration timeout, int maxMessageSize) throws IOException {
		this.client = client;
		this.sequence = sequence;
		this.socket = socket;
		this.upgrade = upgrade;
		this.target = target;
		this.timeout = timeout;
		this.output = new SessionOutput(socket.getOutputStream(), target, this.inbox);
		this.expectations = new Expectations(this.inbox, target);
		this.reader = new Thread(new SessionReader(this, in, this.inbox, maxMessageSize),
				"ws-test-session-" + sequence);
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
		return (InetSocketAddress) this.socket.getLocalSocketAddress();
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
		WsMessageCodec codec = codec();
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
		this.unsettled = true;
		this.output.send(frames);
		return this;
	}

	/** Sends these bytes as they are, in one write: anything at all. */
	public WsTestSession sendBytes(byte[] bytes) {
		this.unsettled = true;
		this.output.send(bytes);
		return this;
	}

	/**
	 * Sends these bytes as they are, in writes of {@code writeSize} bytes (1 for one octet
	 * per write), each leaving at once: to test a server that gets frames in pieces.
	 */
	public WsTestSession sendBytes(byte[] bytes, int writeSize) {
		if (writeSize < 1) {
			throw new IllegalArgumentException("Writes take at least one byte: " + writeSize);
		}
		this.unsettled = true;
		for (int at = 0; at < bytes.length; at += writeSize) {
			this.output.send(Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + writeSize)));
		}
		return this;
	}

	/**
	 * Sends a ping and waits for its pong, leaving the messages that arrive meanwhile for
	 * {@link #nextMessage()}.
	 * @return the time the round trip took
	 * @throws AssertionError when no pong comes within the timeout, or the session ends first
	 */
	public Duration ping() {
		return ping(newProbe().getBytes(StandardCharsets.ISO_8859_1));
	}

	/**
	 * Sends a ping with this payload, up to 125 bytes, and waits for the pong that carries
	 * it back, leaving the messages that arrive meanwhile for {@link #nextMessage()}.
	 * @return the time the round trip took
	 * @throws AssertionError when no such pong comes within the timeout, or the session ends
	 * first
	 */
	public Duration ping(byte[] payload) {
		long start = System.nanoTime();
		CountDownLatch pong = this.inbox.expectPong(new String(payload, StandardCharsets.ISO_8859_1));
		this.output.sendQuietly(WsFrame.ping(payload));
		if (!await(pong, this.timeout) || this.inbox.end() != null) {
			throw noneCame("a pong");
		}
		return Duration.ofNanos(System.nanoTime() - start);
	}

	private WsTestSession sendData(WsFrame frame) {
		this.unsettled = true;
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
		return this.expectations.nextMessage(timeout, isPaused());
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
		byte[] payload = this.inbox.nextPing(this.timeout);
		if (payload == null) {
			throw noneCame("a ping");
		}
		return payload;
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
		checkNotPaused();
		boolean endKnown = this.inbox.isEndSeen() || this.closedByClient;
		String probe = newProbe();
		if (!endKnown) {
			this.client.settle(this);
			this.output.sendQuietly(WsFrame.ping(probe.getBytes(StandardCharsets.ISO_8859_1)));
		}
		this.expectations.noMessageBefore(probe, this.timeout, endKnown);
	}

	/**
	 * Checks that no message arrives for {@code quiet}, waiting that long: for what
	 * {@link #expectNoMessage()} cannot see coming, such as a scheduled task.
	 * @throws AssertionError on a message, or when the session ends, saying what came
	 */
	public void expectNoMessage(Duration quiet) {
		this.expectations.noMessageFor(quiet, this.inbox.isEndSeen() || this.closedByClient);
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
		boolean ended = await(this.readerDone, this.timeout);
		if (this.connectionEnded) {
			return;
		}
		End end = this.inbox.end();
		if (end != null && end.violation()) {
			throw new AssertionError("Expected the server to end the connection of " + this.target + ", but "
					+ end.description());
		}
		throw new AssertionError("Expected the server to end the connection of " + this.target + ", but "
				+ (ended ? "the client ended it" : "it was still up after " + Expectations.describe(this.timeout)
						+ ((end != null) ? " (" + end.description() + ")" : "")));
	}

	// ---- flow control ----

	/**
	 * Stops reading from the connection: nothing more is received until
	 * {@link #resumeReading()}, and the server's writes back up once the network's buffers
	 * fill, as with a slow client. A frame being read goes on being read, but is held back
	 * too.
	 */
	public void pauseReading() {
		synchronized (this.pauseLock) {
			this.paused = true;
		}
	}

	/** Reads again after {@link #pauseReading()}. */
	public void resumeReading() {
		synchronized (this.pauseLock) {
			this.paused = false;
			this.pauseLock.notifyAll();
		}
	}

	boolean isPaused() {
		synchronized (this.pauseLock) {
			return this.paused;
		}
	}

	void awaitReading() throws InterruptedException {
		synchronized (this.pauseLock) {
			while (this.paused) {
				this.pauseLock.wait();
			}
		}
	}

	private void checkNotPaused() {
		if (isPaused()) {
			throw new IllegalStateException("Reading from " + this.target + " is paused: resume it first, or wait a"
					+ " fixed time with expectNoMessage(Duration)");
		}
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
		this.inbox.awaitEnd(this.timeout);
		await(this.readerDone, this.timeout);
		this.closedByClient = true;
		closeSocket();
		this.client.closed(this);
	}

	/** Ends the connection at once with a TCP reset, without a closing handshake. */
	public void abort() {
		try {
			this.socket.setSoLinger(true, 0);
		}
		catch (IOException ex) {
			// Closed already: nothing to reset.
		}
		this.closedByClient = true;
		closeSocket();
		resumeReading();
		await(this.readerDone, this.timeout);
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

	// ---- for the client and the reader ----

	long sequence() {
		return this.sequence;
	}

	@Nullable WsMessageCodec codec() {
		return this.client.codec();
	}

	boolean isUnsettled() {
		return this.unsettled;
	}

	/** Sends a ping whose pong counts down the latch returned, which the end counts down too. */
	CountDownLatch probe() {
		this.unsettled = false;
		String probe = newProbe();
		CountDownLatch pong = this.inbox.expectPong(probe);
		this.output.sendQuietly(WsFrame.ping(probe.getBytes(StandardCharsets.ISO_8859_1)));
		return pong;
	}

	boolean isClosedByClient() {
		return this.closedByClient;
	}

	/** The reader got a ping: a client answers with a pong, until it has sent its close. */
	void answerPing(byte[] payload) {
		this.output.pong(payload);
	}

	/** The reader got the server's close: echo its code, unless the client closed first (RFC 6455 §5.5.1). */
	void answerClose(CloseStatus status) {
		boolean sendable = ServerFrameReader.isSendable(status.code());
		this.output.closeOnce(sendable ? WsFrame.close(status.code()) : WsFrame.close());
	}

	void serverEndedConnection() {
		this.connectionEnded = true;
	}

	/** The reader is done: the server closed, the connection failed, or the server broke the protocol. */
	void readerEnded() {
		closeSocket();
		this.readerDone.countDown();
	}

	private void closeSocket() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// Closed either way.
		}
	}

	private AssertionError noneCame(String what) {
		End end = this.inbox.end();
		return new AssertionError("Expected " + what + " from " + this.target + " within "
				+ Expectations.describe(this.timeout) + ", but " + ((end != null) ? end.description() : "none came"));
	}

	private static String newProbe() {
		return "ws-test-probe-" + probes.incrementAndGet();
	}

	private static boolean await(CountDownLatch latch, Duration timeout) {
		try {
			return latch.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
