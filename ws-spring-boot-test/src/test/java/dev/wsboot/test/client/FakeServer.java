package dev.wsboot.test.client;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server of one connection whose every byte a test chooses, to check how the client takes
 * what a real server never sends: it answers the upgrade with the head a test makes of the
 * client's key, then writes the bytes the test gives and reads the client's frames.
 */
final class FakeServer implements AutoCloseable {

	private static final Pattern KEY = Pattern.compile("(?i)Sec-WebSocket-Key: (\\S+)");

	private final ServerSocket serverSocket;

	private final CompletableFuture<Socket> connection = new CompletableFuture<>();

	private FakeServer(UnaryOperator<String> answer) throws IOException {
		this.serverSocket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
		Thread thread = new Thread(() -> {
			try {
				Socket socket = this.serverSocket.accept();
				socket.setSoTimeout(5000);
				String head = readHead(socket.getInputStream());
				Matcher key = KEY.matcher(head);
				String response = answer.apply(key.find() ? key.group(1) : "");
				if (response != null) {
					socket.getOutputStream().write(response.getBytes(StandardCharsets.ISO_8859_1));
					socket.getOutputStream().flush();
				}
				this.connection.complete(socket);
			}
			catch (IOException ex) {
				this.connection.completeExceptionally(ex);
			}
		}, "fake-server");
		thread.setDaemon(true);
		thread.start();
	}

	/** A server that accepts the upgrade as RFC 6455 says. */
	static FakeServer accepting() {
		return answering((key) -> "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
				+ "Sec-WebSocket-Accept: " + ServerHandshakeCheck.accept(key) + "\r\n\r\n");
	}

	/** A server that answers the upgrade with the head made of the client's key; null answers nothing. */
	static FakeServer answering(UnaryOperator<String> answer) {
		try {
			return new FakeServer(answer);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	int port() {
		return this.serverSocket.getLocalPort();
	}

	/** Writes these bytes to the client. */
	void send(int... bytes) {
		byte[] raw = new byte[bytes.length];
		for (int i = 0; i < bytes.length; i++) {
			raw[i] = (byte) bytes[i];
		}
		try {
			OutputStream out = socket().getOutputStream();
			out.write(raw);
			out.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Reads a frame of the client: its first byte (FIN, opcode), then its unmasked payload. */
	byte[] readFrame() {
		try {
			DataInputStream in = new DataInputStream(socket().getInputStream());
			int b0 = in.readUnsignedByte();
			int length = in.readUnsignedByte() & 0x7F;
			byte[] key = new byte[4];
			in.readFully(key);
			byte[] frame = new byte[1 + length];
			frame[0] = (byte) b0;
			for (int i = 0; i < length; i++) {
				frame[1 + i] = (byte) (in.readUnsignedByte() ^ key[i % 4]);
			}
			return frame;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Closes the connection without a close frame. */
	void drop() {
		try {
			socket().close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private Socket socket() {
		try {
			return this.connection.get(5, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("No client connected", ex);
		}
	}

	private static String readHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
			int b = in.read();
			if (b < 0) {
				break;
			}
			head.write(b);
		}
		return head.toString(StandardCharsets.ISO_8859_1);
	}

	@Override
	public void close() throws IOException {
		this.serverSocket.close();
		if (this.connection.isDone() && !this.connection.isCompletedExceptionally()) {
			this.connection.join().close();
		}
	}

}
