package dev.wsboot.bench.load;

/**
 * Why one connection has to be given up, with the error category it is counted under.
 * Carries no stack trace: it is an expected outcome under load, not a bug.
 */
final class ConnectionFailure extends Exception {

	private final String category;

	ConnectionFailure(String category, String message) {
		super(message, null, false, false);
		this.category = category;
	}

	String category() {
		return this.category;
	}

	static ConnectionFailure protocol(String message) {
		return new ConnectionFailure(Errors.PROTOCOL_ERROR, message);
	}

	static ConnectionFailure mismatch(String message) {
		return new ConnectionFailure(Errors.PAYLOAD_MISMATCH, message);
	}
}
