package dev.wsboot.autoconfigure;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.wsboot.context.LocalWsServerPort;
import dev.wsboot.context.WsServerBootstrap;
import dev.wsboot.context.WsServerPortInfoApplicationContextInitializer;
import dev.wsboot.endpoint.OnClose;
import dev.wsboot.endpoint.OnMessage;
import dev.wsboot.endpoint.WsEndpoint;
import dev.wsboot.endpoint.WsEndpointDefinitionException;
import dev.wsboot.endpoint.WsEndpointRegistry;
import dev.wsboot.handshake.HandshakeHandler;
import dev.wsboot.handshake.HandshakeResponse;
import dev.wsboot.handshake.Rfc6455HandshakeHandler;
import dev.wsboot.protocol.FrameCodec;
import dev.wsboot.protocol.FrameDecoder;
import dev.wsboot.protocol.CloseStatus;
import dev.wsboot.protocol.FrameEncoder;
import dev.wsboot.protocol.Rfc6455FrameCodec;
import dev.wsboot.protocol.WebSocketLimits;
import dev.wsboot.server.ConfigurableWsServerFactory;
import dev.wsboot.server.WsServerCustomizer;
import dev.wsboot.server.WsServerFactory;
import dev.wsboot.server.WsServerObserver;
import dev.wsboot.server.WsSession;
import dev.wsboot.server.WsSessionRegistry;
import dev.wsboot.server.nio.NioWsServerFactory;
import dev.wsboot.testsupport.JdkWsClient;
import dev.wsboot.testsupport.LocalPort;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link WsAutoConfiguration}, each scenario in a context started by an
 * {@link ApplicationContextRunner} and talking to the real server where it matters.
 */
@ExtendWith(OutputCaptureExtension.class)
class WsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WsAutoConfiguration.class))
		.withInitializer(new WsServerPortInfoApplicationContextInitializer())
		.withPropertyValues("ws.port=0", "ws.shutdown-timeout=1s");

	@Test
	void createsDefaultBeans() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(Rfc6455FrameCodec.class)
				.hasSingleBean(Rfc6455HandshakeHandler.class)
				.hasSingleBean(NioWsServerFactory.class)
				.hasSingleBean(WsEndpointRegistry.class)
				.hasSingleBean(WsServerBootstrap.class)
				.hasSingleBean(WsSessionRegistry.class)
				.hasSingleBean(WsProperties.class);
			assertThat(context.getBean(WsAutoConfiguration.HANDLER_EXECUTOR_BEAN_NAME))
				.isInstanceOf(ThreadPoolExecutor.class);
			assertThat(context.getBean(WsSessionRegistry.class))
				.isSameAs(context.getBean(WsServerBootstrap.class).getServer().sessions());
		});
	}

	@Test
	void backsOffWhenApplicationDefinesItsOwnFrameCodec() {
		this.contextRunner.withUserConfiguration(CustomFrameCodecConfiguration.class, EchoEndpoint.class)
			.run((context) -> {
				assertThat(context.getBeanNamesForType(FrameCodec.class)).containsExactly("customFrameCodec");
				assertThat(echo(LocalPort.of(context), "/echo", "hi")).isEqualTo("hi");
				assertThat(context.getBean(CountingFrameCodec.class).decoders).hasValue(1);
			});
	}

	@Test
	void backsOffWhenApplicationDefinesItsOwnHandshakeHandler() {
		this.contextRunner.withUserConfiguration(RefusingHandshakeHandlerConfiguration.class, EchoEndpoint.class)
			.run((context) -> {
				assertThat(context.getBeanNamesForType(HandshakeHandler.class))
					.containsExactly("customHandshakeHandler");
				assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> JdkWsClient.connect(LocalPort.of(context), "/echo"))
					.havingCause()
					.isInstanceOfSatisfying(WebSocketHandshakeException.class,
							(ex) -> assertThat(ex.getResponse().statusCode()).isEqualTo(403));
			});
	}

	@Test
	void backsOffWhenApplicationDefinesItsOwnHandlerExecutor() {
		this.contextRunner.withUserConfiguration(CustomExecutorConfiguration.class, ThreadNameEndpoint.class)
			.run((context) -> {
				assertThat(context.getBean(WsAutoConfiguration.HANDLER_EXECUTOR_BEAN_NAME))
					.isSameAs(context.getBean(CustomExecutorConfiguration.class).executor);
				assertThat(echo(LocalPort.of(context), "/thread", "?")).startsWith("custom-handler");
			});
	}

	@Test
	void backsOffWhenApplicationDefinesItsOwnServerFactory() {
		this.contextRunner.withBean("customServerFactory", WsServerFactory.class, () -> new NioWsServerFactory())
			.run((context) -> assertThat(context.getBeanNamesForType(WsServerFactory.class))
				.containsExactly("customServerFactory"));
	}

	@Test
	void createsNoServerBeansWhenDisabled() {
		this.contextRunner.withPropertyValues("ws.enabled=false")
			.withUserConfiguration(EchoEndpoint.class)
			.run((context) -> assertThat(context).doesNotHaveBean(WsServerBootstrap.class)
				.doesNotHaveBean(WsServerFactory.class)
				.doesNotHaveBean(FrameCodec.class)
				.doesNotHaveBean(WsSessionRegistry.class)
				.doesNotHaveBean(WsAutoConfiguration.HANDLER_EXECUTOR_BEAN_NAME));
	}

	@Test
	void startsServerOnFreePortAndPublishesIt() {
		this.contextRunner.withUserConfiguration(EchoEndpoint.class).run((context) -> {
			WsServerBootstrap bootstrap = context.getBean(WsServerBootstrap.class);
			assertThat(bootstrap.isRunning()).isTrue();
			int port = LocalPort.of(context);
			assertThat(port).isPositive().isEqualTo(bootstrap.getServer().port());
			PortHolder holder = new PortHolder();
			context.getAutowireCapableBeanFactory().autowireBean(holder);
			assertThat(holder.port).isEqualTo(port);
		});
	}

	@Test
	void servesEndpointsRunningBlockingOnesOnHandlerThreads() {
		this.contextRunner.withUserConfiguration(EchoEndpoint.class, ThreadNameEndpoint.class).run((context) -> {
			assertThat(echo(LocalPort.of(context), "/echo", "hello")).isEqualTo("hello");
			assertThat(echo(LocalPort.of(context), "/thread", "?")).startsWith("ws-handler-");
		});
	}

	@Test
	void runsNonBlockingEndpointsOnIoThreads() {
		this.contextRunner.withUserConfiguration(NonBlockingThreadNameEndpoint.class)
			.run((context) -> assertThat(echo(LocalPort.of(context), "/io-thread", "?")).doesNotStartWith("ws-handler-"));
	}

	@Test
	void stopsServerWhenContextCloses() {
		this.contextRunner.withUserConfiguration(EchoEndpoint.class).run((context) -> {
			WsServerBootstrap bootstrap = context.getBean(WsServerBootstrap.class);
			context.close();
			assertThat(bootstrap.isRunning()).isFalse();
		});
	}

	@Test
	void runsTheHandlerCallsStillQueuedWhenTheContextClosesBeforeStoppingTheHandlerThreads() {
		this.contextRunner.withPropertyValues("ws.executor.max-threads=1").run((context) -> {
			ThreadPoolExecutor executor = context.getBean(WsAutoConfiguration.HANDLER_EXECUTOR_BEAN_NAME,
					ThreadPoolExecutor.class);
			CountDownLatch release = new CountDownLatch(1);
			AtomicBoolean interrupted = new AtomicBoolean();
			CountDownLatch queuedCallRan = new CountDownLatch(1);
			executor.execute(() -> {
				try {
					release.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					interrupted.set(true);
				}
			});
			// Waits for the only thread, as an @OnClose queued by the server's stop would.
			executor.execute(queuedCallRan::countDown);
			CompletableFuture<Void> closing = CompletableFuture.runAsync(context::close);
			await().until(executor::isShutdown);
			release.countDown();
			closing.get(10, TimeUnit.SECONDS);
			assertThat(queuedCallRan.getCount()).as("queued call left to run").isZero();
			assertThat(interrupted).isFalse();
			assertThat(executor.isTerminated()).isTrue();
		});
	}

	@Test
	void letsEndpointsInjectTheSessionRegistry() {
		this.contextRunner.withUserConfiguration(BroadcastEndpoint.class)
			.run((context) -> assertThat(context.getBean(BroadcastEndpoint.class).sessions)
				.isSameAs(context.getBean(WsSessionRegistry.class)));
	}

	@Test
	void appliesCustomizersInOrderAfterProperties() throws IOException {
		int freePort = freePort();
		List<String> calls = new CopyOnWriteArrayList<>();
		this.contextRunner.withBean("second", WsServerCustomizer.class, () -> new OrderedCustomizer(2, (factory) -> {
			calls.add("second");
		})).withBean("first", WsServerCustomizer.class, () -> new OrderedCustomizer(1, (factory) -> {
			calls.add("first");
			factory.setPort(freePort);
		})).run((context) -> {
			assertThat(calls).containsExactly("first", "second");
			assertThat(LocalPort.of(context)).isEqualTo(freePort);
		});
	}

	@Test
	void reportsTrafficToObserverBean() {
		this.contextRunner.withUserConfiguration(ObserverConfiguration.class, EchoEndpoint.class).run((context) -> {
			echo(LocalPort.of(context), "/echo", "observed");
			assertThat(context.getBean(RecordingObserver.class).handshakes).contains("/echo 101");
		});
	}

	@Test
	void keepsServingAndClosingSessionsWhenAnObserverBeanThrows() {
		this.contextRunner.withUserConfiguration(ThrowingObserverConfiguration.class, ObserverConfiguration.class,
				ClosingEndpoint.class)
			.run((context) -> {
				assertThat(echo(LocalPort.of(context), "/closing", "still served")).isEqualTo("still served");
				ClosingEndpoint endpoint = context.getBean(ClosingEndpoint.class);
				assertThat(endpoint.closed.await(5, TimeUnit.SECONDS)).as("@OnClose called").isTrue();
				assertThat(context.getBean(RecordingObserver.class).handshakes).contains("/closing 101");
			});
	}

	@Test
	void failsWhenTwoEndpointsShareAPath() {
		this.contextRunner.withUserConfiguration(EchoEndpoint.class, OtherEchoEndpoint.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(WsEndpointDefinitionException.class)
				.hasMessageContaining("'wsAutoConfigurationTests.EchoEndpoint' (" + EchoEndpoint.class.getName() + ")")
				.hasMessageContaining(
						"'wsAutoConfigurationTests.OtherEchoEndpoint' (" + OtherEchoEndpoint.class.getName() + ")")
				.hasMessageContaining("'/echo'");
		});
	}

	@Test
	void failsWhenEndpointMethodTakesAPayloadNoCodecReads() {
		this.contextRunner.withUserConfiguration(UnsupportedParameterEndpoint.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(WsEndpointDefinitionException.class)
				.hasMessage("@OnMessage method " + UnsupportedParameterEndpoint.class.getName()
						+ ".onMessage(Long) takes a java.lang.Long, which no message codec reads.");
			assertThat(analyze(context.getStartupFailure())).extracting(FailureAnalysis::getAction)
				.asString()
				.startsWith("Take String or CharSequence for text, byte[] or ByteBuffer for binary");
		});
	}

	@Test
	void failsWhenPortIsInUse() throws IOException {
		try (ServerSocket taken = new ServerSocket(0)) {
			int port = taken.getLocalPort();
			this.contextRunner.withPropertyValues("ws.port=" + port).run((context) -> {
				assertThat(context).hasFailed();
				assertThat(analyze(context.getStartupFailure())).extracting(FailureAnalysis::getDescription)
					.isEqualTo("WebSocket server failed to start. Port " + port + " was already in use.");
			});
		}
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource({ "ws.max-frame-size, 64B, Must be between 125B and 2147483647B",
			"ws.executor.max-threads, 0, Must be at least 1", "ws.executor.queue-capacity, 0, Must be at least 1",
			"ws.executor.keep-alive, -1s, Must not be negative" })
	void failsAtBindingOnAValueOutOfRangeNamingThePropertyAndTheRange(String name, String value, String reason) {
		this.contextRunner.withPropertyValues(name + "=" + value).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(IllegalArgumentException.class)
				.message()
				.startsWith(reason);
			assertThat(analyze(context.getStartupFailure())).extracting(FailureAnalysis::getDescription)
				.asString()
				.contains("Property: " + name)
				.contains("Reason: java.lang.IllegalArgumentException: " + reason);
		});
	}

	@Test
	void acceptsABrowserOnAPageOfTheServersHostAndRefusesOneOnAnotherHost() {
		this.contextRunner.withUserConfiguration(EchoEndpoint.class).run((context) -> {
			int port = LocalPort.of(context);
			// The JDK client sends Host: localhost:<port>, as a browser would.
			connect(port, "/echo", "http://localhost:8080").sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
			assertThatExceptionOfType(ExecutionException.class)
				.isThrownBy(() -> connect(port, "/echo", "https://evil.example"))
				.havingCause()
				.isInstanceOfSatisfying(WebSocketHandshakeException.class,
						(ex) -> assertThat(ex.getResponse().statusCode()).isEqualTo(403));
		});
	}

	@Test
	void acceptsAListedOrigin() {
		this.contextRunner.withUserConfiguration(EchoEndpoint.class)
			.withPropertyValues("ws.allowed-origins=https://app.example.com:443/")
			.run((context) -> connect(LocalPort.of(context), "/echo", "https://app.example.com")
				.sendClose(WebSocket.NORMAL_CLOSURE, "")
				.get(5, TimeUnit.SECONDS));
	}

	@Test
	void allowsAnyOriginWithAStarAndWarnsOnceAtStart(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(EchoEndpoint.class)
			.withPropertyValues("ws.allowed-origins=*")
			.run((context) -> {
				assertThat(context.getBean(Rfc6455HandshakeHandler.class).allowsAnyOrigin()).isTrue();
				connect(LocalPort.of(context), "/echo", "https://evil.example").sendClose(WebSocket.NORMAL_CLOSURE, "")
					.get(5, TimeUnit.SECONDS);
				assertThat(output.getOut().lines().filter((line) -> line.contains("ws.allowed-origins contains '*'")))
					.singleElement()
					.asString()
					.contains("WARN");
			});
	}

	@Test
	void doesNotWarnAboutOriginsWithoutAStar(CapturedOutput output) {
		this.contextRunner.withPropertyValues("ws.allowed-origins=https://app.example.com")
			.run((context) -> assertThat(output).doesNotContain("ws.allowed-origins contains"));
	}

	@Test
	void failsAtStartOnANullAllowedOriginNamingThePropertyAndWhy() {
		this.contextRunner.withPropertyValues("ws.allowed-origins=https://app.example.com,null").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class,
						(ex) -> assertThat(ex.getName()).isEqualTo("ws.allowed-origins"))
				.hasMessageContaining("sandboxed iframes");
			assertThat(analyze(context.getStartupFailure())).extracting(FailureAnalysis::getDescription)
				.asString()
				.contains("'ws.allowed-origins'")
				.contains("sandboxed iframes");
		});
	}

	@Test
	void failsAtStartOnAnAllowedOriginWithAPath() {
		this.contextRunner.withPropertyValues("ws.allowed-origins=https://app.example.com/chat").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("ws.allowed-origins")
				.hasMessageContaining("'https://app.example.com/chat' is not an allowed origin");
		});
	}

	@Test
	void leavesTheApplicationTaskExecutorInPlace() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(TaskExecutionAutoConfiguration.class))
			.run((context) -> assertThat(context.getBeansOfType(Executor.class)).containsKeys("applicationTaskExecutor",
					WsAutoConfiguration.HANDLER_EXECUTOR_BEAN_NAME));
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void runsEndpointMethodsOnVirtualThreadsWhenEnabled() {
		this.contextRunner.withPropertyValues("spring.threads.virtual.enabled=true")
			.withUserConfiguration(ThreadNameEndpoint.class)
			.run((context) -> {
				assertThat(context.getBean(WsAutoConfiguration.HANDLER_EXECUTOR_BEAN_NAME))
					.isInstanceOf(SimpleAsyncTaskExecutor.class);
				assertThat(echo(LocalPort.of(context), "/thread", "?")).startsWith("ws-handler-");
			});
	}

	private static @Nullable FailureAnalysis analyze(Throwable failure) {
		// Boot's own analyzers that need a bean factory are skipped; ours need none.
		ArgumentResolver environment = ArgumentResolver.of(Environment.class, new StandardEnvironment());
		for (FailureAnalyzer analyzer : SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, environment, (factoryType, factoryName, ex) -> {
			})) {
			FailureAnalysis analysis = analyzer.analyze(failure);
			if (analysis != null) {
				return analysis;
			}
		}
		return null;
	}


	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/** Connects as a browser on a page with {@code origin} does, to {@code localhost}, which is then the Host. */
	private static WebSocket connect(int port, String path, String origin) throws Exception {
		return HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.header("Origin", origin)
			.buildAsync(URI.create("ws://localhost:" + port + path), new WebSocket.Listener() {
			})
			.get(5, TimeUnit.SECONDS);
	}

	private static String echo(int port, String path, String message) throws Exception {
		JdkWsClient client = JdkWsClient.connect(port, path);
		try {
			return client.echo(message);
		}
		finally {
			client.close();
		}
	}

	static class PortHolder {

		@LocalWsServerPort
		int port;

	}

	@WsEndpoint("/echo")
	static class EchoEndpoint {

		@OnMessage
		String echo(String text) {
			return text;
		}

	}

	@WsEndpoint("/echo")
	static class OtherEchoEndpoint {

	}

	@WsEndpoint("/thread")
	static class ThreadNameEndpoint {

		@OnMessage
		String threadName(String text) {
			return Thread.currentThread().getName();
		}

	}

	@WsEndpoint(path = "/io-thread", nonBlocking = true)
	static class NonBlockingThreadNameEndpoint {

		@OnMessage
		String threadName(String text) {
			return Thread.currentThread().getName();
		}

	}

	@WsEndpoint("/broadcast")
	static class BroadcastEndpoint {

		final WsSessionRegistry sessions;

		BroadcastEndpoint(WsSessionRegistry sessions) {
			this.sessions = sessions;
		}

		@OnMessage
		void broadcast(String text) {
			this.sessions.broadcastText("/broadcast", text);
		}

	}

	@WsEndpoint("/unsupported")
	static class UnsupportedParameterEndpoint {

		@OnMessage
		void onMessage(Long number) {
		}

	}

	static class CountingFrameCodec implements FrameCodec {

		final AtomicInteger decoders = new AtomicInteger();

		private final FrameCodec delegate = new Rfc6455FrameCodec();

		@Override
		public FrameDecoder newDecoder(WebSocketLimits limits) {
			this.decoders.incrementAndGet();
			return this.delegate.newDecoder(limits);
		}

		@Override
		public FrameEncoder encoder() {
			return this.delegate.encoder();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomFrameCodecConfiguration {

		@Bean
		CountingFrameCodec customFrameCodec() {
			return new CountingFrameCodec();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RefusingHandshakeHandlerConfiguration {

		@Bean
		HandshakeHandler customHandshakeHandler() {
			return (request, target) -> HandshakeResponse.reject(403, "Not today");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomExecutorConfiguration {

		final ExecutorService executor = Executors
			.newCachedThreadPool((task) -> new Thread(task, "custom-handler"));

		@Bean(name = WsAutoConfiguration.HANDLER_EXECUTOR_BEAN_NAME, destroyMethod = "shutdownNow")
		Executor wsHandlerExecutor() {
			return this.executor;
		}

	}

	static class RecordingObserver implements WsServerObserver {

		final List<String> handshakes = new CopyOnWriteArrayList<>();

		@Override
		public void onHandshake(String path, int status) {
			this.handshakes.add(path + " " + status);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ThrowingObserverConfiguration {

		@Bean
		@Order(Ordered.HIGHEST_PRECEDENCE)
		WsServerObserver throwingObserver() {
			return new WsServerObserver() {

				@Override
				public void onHandshake(@Nullable String path, int status) {
					throw new IllegalStateException("observer broken");
				}

				@Override
				public void onOpen(WsSession session) {
					throw new IllegalStateException("observer broken");
				}

				@Override
				public void onClose(WsSession session, CloseStatus status) {
					throw new IllegalStateException("observer broken");
				}

				@Override
				public void onMessageReceived(WsSession session, boolean text, int payloadBytes) {
					throw new IllegalStateException("observer broken");
				}

			};
		}

	}

	@WsEndpoint("/closing")
	static class ClosingEndpoint {

		final CountDownLatch closed = new CountDownLatch(1);

		@OnMessage
		String echo(String text) {
			return text;
		}

		@OnClose
		void closed() {
			this.closed.countDown();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ObserverConfiguration {

		@Bean
		RecordingObserver recordingObserver() {
			return new RecordingObserver();
		}

	}

	record OrderedCustomizer(int order, WsServerCustomizer delegate) implements WsServerCustomizer, Ordered {

		@Override
		public void customize(ConfigurableWsServerFactory factory) {
			this.delegate.customize(factory);
		}

		@Override
		public int getOrder() {
			return this.order;
		}

	}

}
