package dev.wsboot.server.nio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

import dev.wsboot.testsupport.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two {@link TlsDriver}s, a server's and a client's, joined in memory: the ciphertext
 * between them is cut into one-byte pieces, random pieces, or delivered whole, several
 * records at once; delegated tasks run on another thread after random delays; the
 * buffers are as small as the engines allow, so that records overflow and underflow. The
 * handshake must complete and data of every size arrive intact both ways, with TLS 1.2
 * and 1.3.
 */
class TlsDriverTests {

	@TempDir
	static Path dir;

	private static SSLContext serverContext;

	private static SSLContext clientContext;

	private static final ExecutorService taskThreads = Executors.newFixedThreadPool(2);

	@BeforeAll
	static void certificates() {
		TestCertificates certificates = TestCertificates.create(dir);
		serverContext = certificates.serverBundle().createSslContext();
		clientContext = certificates.clientContext();
	}

	@AfterAll
	static void stopTaskThreads() {
		taskThreads.shutdownNow();
	}

	enum Chunking {

		ONE_BYTE, RANDOM, WHOLE

	}

	static Iterable<Arguments> cases() {
		return java.util.List.of(Arguments.of("TLSv1.3", Chunking.ONE_BYTE, 1L), Arguments.of("TLSv1.3", Chunking.RANDOM, 2L),
				Arguments.of("TLSv1.3", Chunking.RANDOM, 3L), Arguments.of("TLSv1.3", Chunking.WHOLE, 4L),
				Arguments.of("TLSv1.2", Chunking.ONE_BYTE, 5L), Arguments.of("TLSv1.2", Chunking.RANDOM, 6L),
				Arguments.of("TLSv1.2", Chunking.WHOLE, 7L));
	}

	@ParameterizedTest(name = "{0}, {1} pieces, seed {2}")
	@MethodSource("cases")
	void handshakeCompletesAndDataArrivesIntactBothWays(String protocol, Chunking chunking, long seed)
			throws Exception {
		Random random = new Random(seed);
		SSLEngine serverEngine = serverContext.createSSLEngine();
		serverEngine.setUseClientMode(false);
		serverEngine.setEnabledProtocols(new String[] { protocol });
		SSLEngine clientEngine = clientContext.createSSLEngine("localhost", 443);
		clientEngine.setUseClientMode(true);
		Side server = new Side("server", serverEngine, random);
		Side client = new Side("client", clientEngine, random);

		byte[] toServer = data(random, 100_000);
		byte[] toClient = data(random, 70_000);
		client.queue(new byte[] { 42 });
		client.queue(toServer);
		server.queue(toClient);
		for (int turn = 0; turn < 2_000_000 && !(server.received() >= 1 + toServer.length
				&& client.received() >= toClient.length); turn++) {
			boolean moved = client.step(server, chunking) | server.step(client, chunking);
			if (!moved) {
				// Nothing moves but a task: wait for one to finish, bounded.
				Side done = Side.finished.poll(10, TimeUnit.SECONDS);
				assertThat(done).as("a task finished").isNotNull();
				done.driver.tasksRun();
			}
		}
		assertThat(server.driver.isEstablished()).isTrue();
		assertThat(client.driver.isEstablished()).isTrue();
		assertThat(serverEngine.getSession().getProtocol()).isEqualTo(protocol);
		byte[] expectedByServer = new byte[1 + toServer.length];
		expectedByServer[0] = 42;
		System.arraycopy(toServer, 0, expectedByServer, 1, toServer.length);
		assertThat(server.plaintext()).isEqualTo(expectedByServer);
		assertThat(client.plaintext()).isEqualTo(toClient);
		assertThat(server.tasks).as("delegated tasks the server ran").isPositive();
	}

	private static byte[] data(Random random, int length) {
		byte[] bytes = new byte[length];
		random.nextBytes(bytes);
		return bytes;
	}

	/** One end: its driver, the ciphertext on its way to it, and what it received and has to send. */
	private static final class Side {

		/** Sides whose tasks finished, for the test's thread to go on with. */
		static final BlockingQueue<Side> finished = new LinkedBlockingQueue<>();

		final String name;

		final TlsDriver driver;

		final Random random;

		/** Ciphertext sent to this side and not yet given to its driver, in write mode. */
		ByteBuffer wire = ByteBuffer.allocate(64 * 1024);

		final ByteBuffer out;

		ByteBuffer input;

		final ByteBuffer plain;

		final ByteArrayOutputStream received = new ByteArrayOutputStream();

		ByteBuffer toSend = ByteBuffer.allocate(0);

		volatile int tasks;

		Side(String name, SSLEngine engine, Random random) throws SSLException {
			this.name = name;
			this.random = random;
			this.driver = new TlsDriver(engine, (task) -> CompletableFuture
				.delayedExecutor(random.nextInt(3), TimeUnit.MILLISECONDS, taskThreads)
				.execute(() -> {
					this.tasks++;
					task.run();
				}), () -> finished.add(this));
			this.input = ByteBuffer.allocate(engine.getSession().getPacketBufferSize()).flip();
			this.out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
			// Just room for one record: the next record overflows until the test drains it.
			this.plain = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
		}

		void queue(byte[] data) {
			ByteBuffer all = ByteBuffer.allocate(this.toSend.remaining() + data.length);
			this.toSend = all.put(this.toSend).put(data).flip();
		}

		int received() {
			return this.received.size();
		}

		byte[] plaintext() {
			return this.received.toByteArray();
		}

		/** Feeds some of the wire to the driver, then sends application data; whether anything moved. */
		boolean step(Side peer, Chunking chunking) throws SSLException {
			if (this.driver.isTaskRunning()) {
				return false;
			}
			boolean moved = feed(chunking);
			ByteBuffer out = this.out.clear();
			TlsDriver.Progress progress;
			do {
				int before = this.input.remaining();
				progress = this.driver.advance(this.input, this.plain, out);
				moved |= this.input.remaining() != before;
				moved |= drainPlain();
				moved |= out.position() > 0;
				peer.send(out);
				out.clear();
			}
			while (progress == TlsDriver.Progress.OUTPUT_FULL || progress == TlsDriver.Progress.PLAIN_FULL);
			if (this.driver.isEstablished() && this.toSend.hasRemaining() && !this.driver.isTaskRunning()) {
				// A random slice, so that records of every size go out.
				ByteBuffer slice = this.toSend.slice();
				slice.limit(Math.min(slice.remaining(), 1 + this.random.nextInt(40_000)));
				out.clear();
				int taken = this.driver.wrap(slice, out);
				this.toSend.position(this.toSend.position() + taken);
				moved |= taken > 0;
				peer.send(out);
			}
			return moved;
		}

		private boolean feed(Chunking chunking) {
			int waiting = this.wire.position();
			if (waiting == 0) {
				return false;
			}
			int n = switch (chunking) {
				case ONE_BYTE -> 1;
				case RANDOM -> 1 + this.random.nextInt(waiting);
				case WHOLE -> waiting;
			};
			this.input.compact();
			if (this.input.remaining() < n) {
				ByteBuffer grown = ByteBuffer.allocate(this.input.position() + n);
				this.input = grown.put(this.input.flip());
			}
			this.wire.flip();
			this.input.put(this.wire.slice(this.wire.position(), n)).flip();
			this.wire.position(n);
			this.wire.compact();
			return true;
		}

		private boolean drainPlain() {
			if (this.plain.position() == 0) {
				return false;
			}
			this.plain.flip();
			byte[] bytes = new byte[this.plain.remaining()];
			this.plain.get(bytes);
			this.received.writeBytes(bytes);
			this.plain.clear();
			return true;
		}

		void send(ByteBuffer out) {
			out.flip();
			if (this.wire.remaining() < out.remaining()) {
				this.wire = ByteBuffer.allocate(2 * (this.wire.position() + out.remaining())).put(this.wire.flip());
			}
			this.wire.put(out);
		}

		@Override
		public String toString() {
			return this.name;
		}

	}

}
