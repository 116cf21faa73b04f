package dev.wsboot.server.nio;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

import org.jspecify.annotations.Nullable;

/**
 * {@link Transport} straight on a TCP socket.
 */
final class PlainTransport implements Transport {

	private final SocketChannel channel;

	PlainTransport(SocketChannel channel) {
		this.channel = channel;
	}

	@Override
	public int read(ByteBuffer dest) throws IOException {
		return this.channel.read(dest);
	}

	@Override
	public int write(ByteBuffer src) throws IOException {
		return this.channel.write(src);
	}

	@Override
	public void shutdownOutput() throws IOException {
		this.channel.shutdownOutput();
	}

	@Override
	public void close() throws IOException {
		this.channel.close();
	}

	@Override
	public @Nullable InetSocketAddress remoteAddress() {
		try {
			return (InetSocketAddress) this.channel.getRemoteAddress();
		}
		catch (IOException ex) {
			return null;
		}
	}

}
