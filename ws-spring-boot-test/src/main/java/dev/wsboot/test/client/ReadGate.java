package dev.wsboot.test.client;

/**
 * Whether a session reads its connection: shut by {@link WsTestSession#pauseReading()} to
 * play a slow client, the {@link SessionReader} waiting at it before and after each frame. A
 * gate of its own because two threads meet at it, the test's and the reader's.
 */
final class ReadGate {

	private final Object lock = new Object();

	private boolean paused;

	/** Stops the reader at its next pass. */
	void pause() {
		synchronized (this.lock) {
			this.paused = true;
		}
	}

	/** Lets the reader go on. */
	void resume() {
		synchronized (this.lock) {
			this.paused = false;
			this.lock.notifyAll();
		}
	}

	boolean isPaused() {
		synchronized (this.lock) {
			return this.paused;
		}
	}

	/** Blocks the reader while reading is paused. */
	void awaitOpen() throws InterruptedException {
		synchronized (this.lock) {
			while (this.paused) {
				this.lock.wait();
			}
		}
	}

	/**
	 * Fails a wait that needs the server's answers while they cannot be read.
	 * @throws IllegalStateException when reading is paused
	 */
	void checkNotPaused(String target) {
		if (isPaused()) {
			throw new IllegalStateException("Reading from " + target + " is paused: resume it first, or wait a"
					+ " fixed time with expectNoMessage(Duration)");
		}
	}

}
