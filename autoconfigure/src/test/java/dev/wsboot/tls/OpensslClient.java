package dev.wsboot.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.wsboot.testsupport.TestWsServer;

/**
 * {@code openssl s_client} as a TLS client: what a test writes goes to its standard
 * input, which it sends as it is, but for lines that begin with one of its commands
 * ({@code K} and {@code k} for a key update with and without asking the server for one,
 * {@code R} to renegotiate); what it prints, the server's bytes included, is collected.
 */
final class OpensslClient implements AutoCloseable {

	private final Process process;

	private final OutputStream in;

	private final ByteArrayOutputStream output = new ByteArrayOutputStream();

	private final Thread reader;

	private OpensslClient(Process process) {
		this.process = process;
		this.in = process.getOutputStream();
		this.reader = new Thread(this::collect, "openssl-output");
		this.reader.setDaemon(true);
		this.reader.start();
	}

	/** Connects to the local server with this protocol option ({@code -tls1_2}, {@code -tls1_3}) and more. */
	static OpensslClient connect(int port, Path caCertificate, String protocol, String... more) {
		List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port,
				protocol, "-CAfile", caCertificate.toString(), "-verify_return_error", "-servername", "localhost"));
		command.addAll(List.of(more));
		try {
			return new OpensslClient(new ProcessBuilder(command).redirectErrorStream(true).start());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not run openssl; the TLS tests need it on the PATH", ex);
		}
	}

	private void collect() {
		byte[] chunk = new byte[4096];
		try (InputStream out = this.process.getInputStream()) {
			for (int n; (n = out.read(chunk)) >= 0;) {
				synchronized (this.output) {
					this.output.write(chunk, 0, n);
				}
			}
		}
		catch (IOException ex) {
			// The process ended.
		}
	}

	/** Everything it printed so far, as ISO-8859-1 text. */
	String output() {
		synchronized (this.output) {
			return this.output.toString(StandardCharsets.ISO_8859_1);
		}
	}

	/** Waits until it printed {@code text}. */
	void awaitOutput(String text) {
		TestWsServer.eventually()
			.alias("openssl printing \"" + text + "\"")
			.until(() -> output().contains(text));
	}

	/** Writes bytes to its standard input, at once. */
	void send(byte[] bytes) {
		try {
			this.in.write(bytes);
			this.in.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	void send(String text) {
		send(text.getBytes(StandardCharsets.ISO_8859_1));
	}

	/** Waits for it to end, and returns whether it did. */
	boolean awaitExit() throws InterruptedException {
		return this.process.waitFor(TestWsServer.AWAIT.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			this.process.waitFor(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.process.destroyForcibly();
	}

}
