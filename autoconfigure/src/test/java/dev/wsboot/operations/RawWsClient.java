package dev.wsboot.operations;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A client on a plain socket that sends an upgrade request and then only reads frames: it
 * never answers a ping, and never sends a close frame of its own. For the behaviour that
 * the JDK client, which answers pings by itself, cannot show.
 */
public final class RawWsClient implements Closeable {

	private final Socket socket;

	private final DataInputStream in;

	private RawWsClient(Socket socket) throws IOException {
		this.socket = socket;
		this.in = new DataInputStream(socket.getInputStream());
	}

	/** Connects to the server on the loopback address; every read gives up after the test timeout. */
	public static RawWsClient connect(int port) throws IOException {
		Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
		socket.setSoTimeout((int) WsTestClient.TIMEOUT.toMillis());
		return new RawWsClient(socket);
	}

	/**
	 * Sends a valid upgrade request for {@code path} and reads the response head.
	 * @return the HTTP status of the response
	 */
	public int upgrade(String path) throws IOException {
		String request = "GET " + path + " HTTP/1.1\r\n" + "Host: localhost\r\n" + "Upgrade: websocket\r\n"
				+ "Connection: Upgrade\r\n" + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
				+ "Sec-WebSocket-Version: 13\r\n\r\n";
		OutputStream out = this.socket.getOutputStream();
		out.write(request.getBytes(StandardCharsets.US_ASCII));
		out.flush();
		String head = readHead();
		// "HTTP/1.1 101 Switching Protocols"
		return Integer.parseInt(head.substring(9, 12));
	}

	private String readHead() throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int matched = 0;
		byte[] end = { '\r', '\n', '\r', '\n' };
		while (matched < end.length) {
			int b = this.in.read();
			if (b < 0) {
				throw new EOFException("Connection closed in the response head: " + head);
			}
			head.write(b);
			matched = (b == end[matched]) ? matched + 1 : ((b == '\r') ? 1 : 0);
		}
		return head.toString(StandardCharsets.US_ASCII);
	}

	/** Reads the next frame the server sends (server frames are never masked). */
	public Frame readFrame() throws IOException {
		int first = this.in.readUnsignedByte();
		int second = this.in.readUnsignedByte();
		long length = second & 0x7F;
		if (length == 126) {
			length = this.in.readUnsignedShort();
		}
		else if (length == 127) {
			length = this.in.readLong();
		}
		byte[] payload = new byte[Math.toIntExact(length)];
		this.in.readFully(payload);
		return new Frame(first & 0x0F, payload);
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	/**
	 * One frame as received.
	 * @param opcode the opcode, e.g. 0x9 for a ping, 0x8 for a close
	 * @param payload the unmasked payload
	 */
	public record Frame(int opcode, byte[] payload) {

		public static final int CLOSE = 0x8;

		public static final int PING = 0x9;

		/** The status code of a close frame. */
		public int closeCode() {
			return ((this.payload[0] & 0xFF) << 8) | (this.payload[1] & 0xFF);
		}

	}

}
