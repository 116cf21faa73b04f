package dev.wsboot.bench.soak;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The kinds of client in the soak test's hostile mix. Each {@link Kind#round} is one
 * connection from connect to end, and records what happened in the {@link Tally}: answers
 * are keyed by kind and the HTTP status or close code the server ended with, 0 meaning
 * none was read (a non-reader's close frame is stuck behind the data it did not read).
 */
final class Mix {

	/** Reads wait at most this long: longer than idle (5 s) plus close (1 s) timeouts. */
	static final int READ_TIMEOUT_MILLIS = 10_000;

	private Mix() {
	}

	enum Kind {

		/** A good client: 50 echoes of random text or binary, each verified, then a clean close. */
		ECHO(4, 0) {
			@Override
			void round(int port, Tally tally) throws IOException {
				ThreadLocalRandom random = ThreadLocalRandom.current();
				try (Peer peer = Peer.connect(port, 0, READ_TIMEOUT_MILLIS)) {
					int status = peer.upgrade("/echo");
					if (status != 101) {
						tally.increment("echoes", "refusedUpgrades");
						return;
					}
					long sent = 0;
					long verified = 0;
					try {
						for (int i = 0; i < 50; i++) {
							boolean text = random.nextBoolean();
							byte[] payload = text ? randomText(random.nextInt(2048)).getBytes(StandardCharsets.UTF_8)
									: randomBytes(random.nextInt(4096));
							peer.sendFrame(text ? Peer.TEXT : Peer.BINARY, payload);
							sent++;
							Peer.Frame echo = peer.readFrame();
							if (echo.opcode() == (text ? Peer.TEXT : Peer.BINARY) && Arrays.equals(echo.payload(), payload)) {
								verified++;
							}
							else {
								tally.increment("echoes", "mismatched");
							}
						}
						peer.sendFrame(Peer.CLOSE, new byte[] { 0x03, (byte) 0xE8 });
						tally.increment("echoClose", String.valueOf(peer.readUntilEnd()));
					}
					finally {
						tally.add("echoes", "sent", sent);
						tally.add("echoes", "verified", verified);
						tally.add("echoes", "lost", sent - verified);
					}
				}
			}
		},

		/** Sends its upgrade request one byte every 100 ms and never finishes it. */
		SLOWLORIS(4, 0) {
			@Override
			void round(int port, Tally tally) throws IOException {
				byte[] request = Peer.upgradeRequest("/echo");
				try (Peer peer = Peer.connect(port, 0, READ_TIMEOUT_MILLIS)) {
					try {
						for (int i = 0; i < request.length - 2; i++) {
							peer.send(new byte[] { request[i] });
							LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
						}
					}
					catch (IOException ex) {
						// The server closed on us, as it should.
					}
					tally.increment("answers", "slowloris-" + Peer.status(new String(peer.drain(), StandardCharsets.ISO_8859_1)));
				}
			}
		},

		/** Asks for a flood of 1 KiB messages and does not read them. */
		NON_READER(2, 0) {
			@Override
			void round(int port, Tally tally) throws IOException {
				try (Peer peer = Peer.connect(port, 4096, READ_TIMEOUT_MILLIS)) {
					if (peer.upgrade("/flood") != 101) {
						tally.increment("answers", "nonReader-refused");
						return;
					}
					peer.sendFrame(Peer.TEXT, "flood".getBytes(StandardCharsets.US_ASCII));
					// Not reading while the server floods, past its close timeout.
					LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1500));
					tally.increment("answers", "nonReader-" + peer.readUntilEnd());
				}
			}
		},

		/** Completes the handshake, then sends random bytes as if they were frames. */
		GARBAGE_FRAMES(2, 2) {
			@Override
			void round(int port, Tally tally) throws IOException {
				try (Peer peer = Peer.connect(port, 0, READ_TIMEOUT_MILLIS)) {
					if (peer.upgrade("/echo") != 101) {
						tally.increment("answers", "garbageFrames-refused");
						return;
					}
					peer.send(randomBytes(1 + ThreadLocalRandom.current().nextInt(2048)));
					tally.increment("answers", "garbageFrames-" + peer.readUntilEnd());
				}
			}
		},

		/** Sends random bytes instead of an upgrade request. */
		GARBAGE_HANDSHAKE(2, 2) {
			@Override
			void round(int port, Tally tally) throws IOException {
				try (Peer peer = Peer.connect(port, 0, READ_TIMEOUT_MILLIS)) {
					ThreadLocalRandom random = ThreadLocalRandom.current();
					byte[] garbage = random.nextBoolean() ? randomBytes(1 + random.nextInt(2048))
							: ("GET /" + randomText(random.nextInt(300)) + "\r\n").getBytes(StandardCharsets.UTF_8);
					try {
						peer.send(garbage);
					}
					catch (IOException ex) {
						// Refused before all of it was sent.
					}
					tally.increment("answers", "garbageHandshake-" + Peer.status(new String(peer.drain(), StandardCharsets.ISO_8859_1)));
				}
			}
		},

		/** Vanishes with a TCP reset: during the handshake, inside a frame, or between messages. */
		RESET(2, 5) {
			@Override
			void round(int port, Tally tally) throws IOException {
				Peer peer = Peer.connect(port, 0, READ_TIMEOUT_MILLIS);
				try {
					switch (ThreadLocalRandom.current().nextInt(3)) {
						case 0 -> peer.send(Arrays.copyOf(Peer.upgradeRequest("/echo"), 40));
						case 1 -> {
							peer.upgrade("/echo");
							peer.send(Arrays.copyOf(Peer.frame(Peer.BINARY, new byte[1000]), 500));
						}
						default -> {
							peer.upgrade("/echo");
							peer.sendFrame(Peer.TEXT, "bye".getBytes(StandardCharsets.US_ASCII));
							peer.readFrame();
						}
					}
				}
				finally {
					peer.reset();
				}
			}
		},

		/** Sends 5,000 pings as fast as it can without reading a pong, then resets. */
		PING_FLOOD(1, 20) {
			@Override
			void round(int port, Tally tally) throws IOException {
				Peer peer = Peer.connect(port, 4096, READ_TIMEOUT_MILLIS);
				try {
					peer.upgrade("/echo");
					byte[] ping = Peer.frame(Peer.PING, new byte[125]);
					byte[] batch = new byte[ping.length * 500];
					for (int i = 0; i < 500; i++) {
						System.arraycopy(ping, 0, batch, i * ping.length, ping.length);
					}
					for (int i = 0; i < 10; i++) {
						peer.send(batch);
					}
				}
				finally {
					peer.reset();
				}
			}
		};

		/** How many threads run this kind. */
		final int threads;

		/** Pause between two rounds of one thread, so that cheap rounds do not crowd out the rest. */
		final int pauseMillis;

		Kind(int threads, int pauseMillis) {
			this.threads = threads;
			this.pauseMillis = pauseMillis;
		}

		/** Runs one connection of this kind. */
		abstract void round(int port, Tally tally) throws IOException;

		String key() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}

	}

	/** Runs rounds of {@code kind} until {@code deadline} ({@link System#nanoTime()}). */
	static void loop(Kind kind, int port, Tally tally, long deadline) {
		while (System.nanoTime() - deadline < 0) {
			tally.increment("connections", kind.key());
			try {
				kind.round(port, tally);
			}
			catch (InterruptedIOException ex) {
				tally.increment("timeouts", kind.key());
			}
			catch (IOException ex) {
				tally.increment("failures", kind.key());
			}
			if (kind.pauseMillis > 0) {
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(kind.pauseMillis));
			}
		}
	}

	static byte[] randomBytes(int length) {
		byte[] bytes = new byte[length];
		ThreadLocalRandom.current().nextBytes(bytes);
		return bytes;
	}

	/** Random text with one- to four-byte UTF-8 characters. */
	static String randomText(int codePoints) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < codePoints; i++) {
			int kind = random.nextInt(8);
			int codePoint = (kind < 5) ? 0x20 + random.nextInt(0x5F) : (kind < 7) ? 0xA0 + random.nextInt(0x700)
					: 0x1F300 + random.nextInt(0x200);
			text.appendCodePoint(codePoint);
		}
		return text.toString();
	}

}
