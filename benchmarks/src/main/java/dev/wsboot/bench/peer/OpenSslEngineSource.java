package dev.wsboot.bench.peer;

import java.io.File;
import java.net.InetSocketAddress;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

import dev.wsboot.server.ssl.SslEngineSource;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCountUtil;

/**
 * wsboot's engine seam with BoringSSL engines from netty-tcnative, as an application would
 * plug them in: wsboot itself does not depend on Netty. The engines hold native memory, so
 * each is released when its connection ends.
 */
final class OpenSslEngineSource implements SslEngineSource {

	private final SslContext context;

	OpenSslEngineSource(File certificate, File key) throws SSLException {
		if (!OpenSsl.isAvailable()) {
			throw new IllegalStateException("netty-tcnative is not usable here", OpenSsl.unavailabilityCause());
		}
		this.context = SslContextBuilder.forServer(certificate, key).sslProvider(SslProvider.OPENSSL_REFCNT).build();
	}

	@Override
	public SSLEngine createEngine(InetSocketAddress peer) {
		return (peer != null) ? this.context.newEngine(ByteBufAllocator.DEFAULT, peer.getHostString(), peer.getPort())
				: this.context.newEngine(ByteBufAllocator.DEFAULT);
	}

	@Override
	public void release(SSLEngine engine) {
		ReferenceCountUtil.release(engine);
	}

}
