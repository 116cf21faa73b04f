package dev.wsboot.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.awaitility.Awaitility.await;

/**
 * A {@code redis-server} of the test class's own, on a free loopback port, with nothing
 * saved to disk, started before its tests and stopped after them; register it as a static
 * field with {@code @RegisterExtension}. Each test starts with it running, even after a test
 * that stopped it failed before starting it again. It is found as {@code $REDIS_SERVER}, on the
 * {@code PATH}, or at {@code /usr/bin/redis-server}; without one, the tests are skipped,
 * saying why (CI installs Debian's {@code redis-server}).
 */
public final class RedisServer implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

	private static final Duration STARTUP = Duration.ofSeconds(20);

	private int port;

	private Process process;

	private Path log;

	private RedisClient client;

	private StatefulRedisConnection<String, String> connection;

	@Override
	public void beforeAll(ExtensionContext context) throws Exception {
		String executable = executable();
		Assumptions.assumeTrue(executable != null,
				"redis-server not found ($REDIS_SERVER, PATH, /usr/bin): the tests against Redis are skipped");
		this.port = freePort();
		this.log = Files.createTempFile("redis-server-" + this.port, ".log");
		start();
	}

	@Override
	public void beforeEach(ExtensionContext context) throws IOException {
		if (!this.process.isAlive()) {
			start();
		}
	}

	@Override
	public void afterAll(ExtensionContext context) throws Exception {
		if (this.connection != null) {
			this.connection.close();
			this.client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}
		stop();
	}

	/** The port it listens on, the same across {@link #stop()} and {@link #start()}. */
	public int port() {
		return this.port;
	}

	/** The property pointing Spring Boot's Redis support at this server. */
	public String portProperty() {
		return "spring.data.redis.port=" + this.port;
	}

	/** Starts the server, again after {@link #stop()}, and waits until it answers PING. */
	public void start() throws IOException {
		ProcessBuilder builder = new ProcessBuilder(executable(), "--port", Integer.toString(this.port), "--bind",
				"127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no");
		builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()));
		this.process = builder.start();
		await().atMost(STARTUP).pollInterval(Duration.ofMillis(20)).until(this::answersPing);
	}

	/** Stops the server and waits until it has exited. */
	public void stop() throws InterruptedException {
		if (this.process != null && this.process.isAlive()) {
			this.process.destroy();
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor();
			}
		}
	}

	/** Commands to the server, on a connection of the test's own that reconnects after a restart. */
	public RedisCommands<String, String> commands() {
		if (this.connection == null) {
			this.client = RedisClient.create("redis://127.0.0.1:" + this.port);
			this.connection = this.client.connect();
		}
		return this.connection.sync();
	}

	/** The channels with at least one subscriber, as {@code PUBSUB CHANNELS} lists them. */
	public List<String> channels(String pattern) {
		return commands().pubsubChannels(pattern);
	}

	private boolean answersPing() {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] reply = new byte[7];
			int read = in.readNBytes(reply, 0, reply.length);
			return new String(reply, 0, read, StandardCharsets.US_ASCII).equals("+PONG\r\n");
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static String executable() {
		String configured = System.getenv("REDIS_SERVER");
		if (configured != null && new File(configured).canExecute()) {
			return configured;
		}
		String path = System.getenv("PATH");
		if (path != null) {
			for (String directory : path.split(File.pathSeparator)) {
				File candidate = new File(directory, "redis-server");
				if (candidate.canExecute()) {
					return candidate.getAbsolutePath();
				}
			}
		}
		File debian = new File("/usr/bin/redis-server");
		return debian.canExecute() ? debian.getAbsolutePath() : null;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
