package dev.wsboot.bench.peer;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A WebSocket echo and broadcast server built on Netty 4.2, used as the <em>comparison peer</em>
 * for wsboot: the Autobahn conformance baseline and the throughput/latency benchmarks run the same
 * clients against this server and against wsboot.
 *
 * <p>It is deliberately configured the way an experienced Netty user would write a fast echo
 * server, so that the comparison is fair to Netty rather than a straw man:
 *
 * <ul>
 *   <li>the native epoll transport when {@link Epoll#isAvailable()} says so, NIO otherwise;
 *   <li>one boss event loop and {@code --threads} worker event loops (default: the number of
 *       available processors);
 *   <li>the pooled buffer allocator and {@code TCP_NODELAY};
 *   <li>the stock pipeline: {@link HttpServerCodec}, {@link HttpObjectAggregator} (64 KiB), {@link
 *       WebSocketServerProtocolHandler} (no extensions, UTF-8 validation on, maximum frame payload
 *       {@code --max-message}) and {@link WebSocketFrameAggregator} ({@code --max-message});
 *   <li>writes without flushing per message, and one flush per read batch in {@code
 *       channelReadComplete}.
 * </ul>
 *
 * <p>Two endpoints share the port:
 *
 * <ul>
 *   <li>{@code --path} (default {@code /echo}): every text message is echoed as text and every
 *       binary message as binary, to the sender only;
 *   <li>{@code /broadcast}: every connection joins one {@link ChannelGroup}; each data message
 *       received is written once to the group, which hands every member its own duplicate.
 *   <li>{@code /topic}: topics as a Netty user keeps them, a {@link ChannelGroup} per topic name
 *       in a concurrent map; every connection joins topic {@code bench} and each data message is
 *       written once to that topic's group, like {@code /broadcast} but found by name.
 * </ul>
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar dev.wsboot.bench.peer.NettyEchoServer
 * --port 9001 [--host 127.0.0.1] [--path /echo] [--max-message 16777216] [--threads N]
 * [--tls-cert FILE --tls-key FILE [--tls-engine jdk|openssl]]}, the last for wss with an {@code SslHandler}
 * first in the pipeline (see {@link PeerTls}). Once the
 * port is bound the server prints exactly one line, {@code READY port=<port>}, to standard output,
 * so that scripts can wait for it; diagnostics go to standard error.
 */
public final class NettyEchoServer {

	/** The broadcast endpoint's path; fixed so that load generators can rely on it. */
	public static final String BROADCAST_PATH = "/broadcast";

	/** The topic endpoint's path; fixed so that load generators can rely on it. */
	public static final String TOPIC_PATH = "/topic";

	/** The one topic every connection to {@link #TOPIC_PATH} joins. */
	private static final String TOPIC = "bench";

	private final String host;
	private final int port;
	private final String echoPath;
	private final int maxMessage;
	private final int threads;
	private final SslContext tls;

	private NettyEchoServer(String host, int port, String echoPath, int maxMessage, int threads, SslContext tls) {
		this.host = host;
		this.port = port;
		this.echoPath = echoPath;
		this.maxMessage = maxMessage;
		this.threads = threads;
		this.tls = tls;
	}

	public static void main(String[] args) throws Exception {
		String host = "127.0.0.1";
		int port = 9001;
		String path = "/echo";
		int maxMessage = 65536;
		int threads = Runtime.getRuntime().availableProcessors();
		java.util.Map<String, String> tlsOptions = new java.util.HashMap<>();
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			switch (arg) {
				case "--host" -> host = value(args, ++i, arg);
				case "--port" -> port = Integer.parseInt(value(args, ++i, arg));
				case "--path" -> path = value(args, ++i, arg);
				case "--max-message" -> maxMessage = Integer.parseInt(value(args, ++i, arg));
				case "--threads" -> threads = Integer.parseInt(value(args, ++i, arg));
				case "--tls-cert", "--tls-key", "--tls-engine" -> tlsOptions.put(arg.substring(2), value(args, ++i, arg));
				case "-h", "--help" -> {
					System.err.println(
							"usage: NettyEchoServer [--host 127.0.0.1] [--port 9001] [--path /echo]"
									+ " [--max-message 65536] [--threads <cpus>]");
					return;
				}
				default -> throw new IllegalArgumentException("unknown option: " + arg);
			}
		}
		if (!path.startsWith("/") || path.equals(BROADCAST_PATH) || path.equals(TOPIC_PATH)) {
			throw new IllegalArgumentException(
					"--path must start with '/' and differ from " + BROADCAST_PATH + " and " + TOPIC_PATH);
		}
		if (maxMessage <= 0 || threads <= 0) {
			throw new IllegalArgumentException("--max-message and --threads must be positive");
		}
		SslContext tls = PeerTls.enabled(tlsOptions) ? PeerTls.netty(tlsOptions) : null;
		new NettyEchoServer(host, port, path, maxMessage, threads, tls).run();
	}

	private static String value(String[] args, int i, String option) {
		if (i >= args.length) {
			throw new IllegalArgumentException(option + " needs a value");
		}
		return args[i];
	}

	private void run() throws InterruptedException {
		boolean epoll = Epoll.isAvailable();
		IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
		Class<? extends ServerChannel> serverChannel =
				epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;

		EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, io);
		EventLoopGroup workers = new MultiThreadIoEventLoopGroup(threads, io);
		ChannelGroup broadcastGroup = new DefaultChannelGroup("broadcast", GlobalEventExecutor.INSTANCE);
		ConcurrentMap<String, ChannelGroup> topics = new ConcurrentHashMap<>();
		try {
			ServerBootstrap bootstrap =
					new ServerBootstrap()
							.group(boss, workers)
							.channel(serverChannel)
							.option(ChannelOption.SO_BACKLOG, 1024)
							.option(ChannelOption.SO_REUSEADDR, true)
							.option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
							.childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
							.childOption(ChannelOption.TCP_NODELAY, true)
							.childHandler(
									new ChannelInitializer<SocketChannel>() {
										@Override
										protected void initChannel(SocketChannel ch) {
											if (tls != null) {
												ch.pipeline().addLast("tls", tls.newHandler(ch.alloc()));
											}
											ch.pipeline()
													.addLast("http-codec", new HttpServerCodec())
													.addLast("http-aggregator", new HttpObjectAggregator(65536))
													.addLast("router", new PathRouter(broadcastGroup, topics));
										}
									});

			Channel server = bootstrap.bind(host, port).sync().channel();
			int boundPort = ((InetSocketAddress) server.localAddress()).getPort();
			System.err.printf(
					"NettyEchoServer: transport=%s workers=%d echo=%s broadcast=%s topic=%s max-message=%d%n",
					epoll ? "epoll" : "nio", threads, echoPath, BROADCAST_PATH, TOPIC_PATH, maxMessage);
			System.out.println("READY port=" + boundPort);
			System.out.flush();

			Runtime.getRuntime()
					.addShutdownHook(new Thread(() -> server.close().syncUninterruptibly(), "netty-peer-stop"));
			server.closeFuture().sync();
		} finally {
			broadcastGroup.close().awaitUninterruptibly();
			topics.values().forEach((group) -> group.close().awaitUninterruptibly());
			boss.shutdownGracefully();
			workers.shutdownGracefully().syncUninterruptibly();
		}
	}

	private WebSocketServerProtocolHandler protocolHandler(String path) {
		WebSocketDecoderConfig decoder =
				WebSocketDecoderConfig.newBuilder()
						.maxFramePayloadLength(maxMessage)
						.allowExtensions(false)
						.build();
		WebSocketServerProtocolConfig config =
				WebSocketServerProtocolConfig.newBuilder()
						.websocketPath(path)
						// The router below already matched the exact path; this only lets a query string through.
						.checkStartsWith(true)
						.decoderConfig(decoder)
						// The decoder already sends the right close code (1002, 1007, 1009); the stock
						// default would add a second close frame "1000 Bye" that hides it. A Netty user
						// who cares about RFC 6455 close codes turns it off, so the peer does too.
						.sendCloseFrame(null)
						.build();
		return new WebSocketServerProtocolHandler(config);
	}

	/**
	 * Picks the endpoint from the upgrade request's path, installs that endpoint's WebSocket
	 * handlers behind itself, passes the request on and leaves the pipeline.
	 */
	private final class PathRouter extends ChannelInboundHandlerAdapter {
		private final ChannelGroup broadcastGroup;
		private final ConcurrentMap<String, ChannelGroup> topics;

		PathRouter(ChannelGroup broadcastGroup, ConcurrentMap<String, ChannelGroup> topics) {
			this.broadcastGroup = broadcastGroup;
			this.topics = topics;
		}

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			if (!(msg instanceof FullHttpRequest request)) {
				ctx.fireChannelRead(msg);
				return;
			}
			String path = new QueryStringDecoder(request.uri()).path();
			ChannelHandler app;
			if (path.equals(echoPath)) {
				app = EchoHandler.INSTANCE;
			} else if (path.equals(BROADCAST_PATH)) {
				app = new BroadcastHandler(broadcastGroup);
			} else if (path.equals(TOPIC_PATH)) {
				app = new TopicHandler(topics, TOPIC);
			} else {
				request.release();
				FullHttpResponse notFound =
						new DefaultFullHttpResponse(
								request.protocolVersion(),
								HttpResponseStatus.NOT_FOUND,
								Unpooled.copiedBuffer("no WebSocket endpoint at " + path + "\n", StandardCharsets.UTF_8));
				notFound.headers()
						.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN)
						.setInt(HttpHeaderNames.CONTENT_LENGTH, notFound.content().readableBytes())
						.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
				ctx.writeAndFlush(notFound).addListener(ChannelFutureListener.CLOSE);
				return;
			}
			ChannelPipeline pipeline = ctx.pipeline();
			pipeline.addAfter(ctx.name(), "ws-protocol", protocolHandler(path));
			pipeline.addAfter("ws-protocol", "ws-aggregator", new WebSocketFrameAggregator(maxMessage));
			pipeline.addAfter("ws-aggregator", "app", app);
			ctx.fireChannelRead(request);
			pipeline.remove(this);
		}
	}

	/** Echoes each complete message back to its sender; one flush per read batch. */
	@ChannelHandler.Sharable
	private static final class EchoHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
		static final EchoHandler INSTANCE = new EchoHandler();

		@Override
		protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
			if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
				// The aggregated frame is final with no reserved bits; send it straight back as it is.
				ctx.write(frame.retain());
			}
		}

		@Override
		public void channelReadComplete(ChannelHandlerContext ctx) {
			ctx.flush();
			ctx.fireChannelReadComplete();
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			// Protocol errors have already been answered with a close frame by Netty's decoder.
			ctx.close();
		}
	}

	/**
	 * Joins its topic's group on handshake and writes each data message once to that group, which
	 * hands every member a retained duplicate. A closed channel leaves the group by itself.
	 */
	private static final class TopicHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
		private final ConcurrentMap<String, ChannelGroup> topics;
		private final String topic;

		TopicHandler(ConcurrentMap<String, ChannelGroup> topics, String topic) {
			this.topics = topics;
			this.topic = topic;
		}

		@Override
		public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
			if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
				topics.computeIfAbsent(topic, (name) -> new DefaultChannelGroup(name, GlobalEventExecutor.INSTANCE))
						.add(ctx.channel());
			}
			super.userEventTriggered(ctx, evt);
		}

		@Override
		protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
			if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
				ChannelGroup group = topics.get(topic);
				if (group != null) {
					// As on /broadcast: the group releases this reference once each member has its own.
					group.writeAndFlush(frame.retain());
				}
			}
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			ctx.close();
		}
	}

	/** Joins the group on handshake and fans each data message out to every member. */
	private static final class BroadcastHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
		private final ChannelGroup group;

		BroadcastHandler(ChannelGroup group) {
			this.group = group;
		}

		@Override
		public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
			if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
				group.add(ctx.channel());
			}
			super.userEventTriggered(ctx, evt);
		}

		@Override
		protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
			if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
				// One write to the group: it sends each member a retained duplicate and then releases
				// this reference, while SimpleChannelInboundHandler releases the one it was handed.
				group.writeAndFlush(frame.retain());
			}
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			ctx.close();
		}
	}
}
