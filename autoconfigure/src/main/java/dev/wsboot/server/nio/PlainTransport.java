package dev.wsboot.server.nio;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

import org.jspecify.annotations.Nullable;

/**
 * {@link Transport} straight on a TCP socket: nothing of its own, so one instance serves
 * every connection.
 */
enum PlainTransport implements Transport {

	INSTANCE;

	@Override
	public int read(SocketChannel socket, ByteBuffer dest) throws IOException {
		return socket.read(dest);
	}

	@Override
	public int write(SocketChannel socket, ByteBuffer src) throws IOException {
		return socket.write(src);
	}

	@Override
	public void shutdownOutput(SocketChannel socket) throws IOException {
		socket.shutdownOutput();
	}

	@Override
	public void close(SocketChannel socket) throws IOException {
		socket.close();
	}

	@Override
	public @Nullable InetSocketAddress remoteAddress(SocketChannel socket) {
		try {
			return (InetSocketAddress) socket.getRemoteAddress();
		}
		catch (IOException ex) {
			return null;
		}
	}

}
