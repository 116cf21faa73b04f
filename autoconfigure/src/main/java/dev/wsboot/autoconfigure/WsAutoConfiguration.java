package dev.wsboot.autoconfigure;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;

import dev.wsboot.cluster.DefaultWsCluster;
import dev.wsboot.cluster.WsCluster;
import dev.wsboot.cluster.WsClusterBroker;
import dev.wsboot.cluster.WsSessionUsers;
import dev.wsboot.context.WsServerBootstrap;
import dev.wsboot.endpoint.WsEndpointRegistry;
import dev.wsboot.endpoint.json.JacksonMessageCodec;
import dev.wsboot.handshake.HandshakeHandler;
import dev.wsboot.handshake.Rfc6455HandshakeHandler;
import dev.wsboot.protocol.FrameCodec;
import dev.wsboot.protocol.Rfc6455FrameCodec;
import dev.wsboot.protocol.extension.ExtensionFactory;
import dev.wsboot.server.WsHandshakeInterceptor;
import dev.wsboot.server.WsRoute;
import dev.wsboot.server.WsRouteCustomizer;
import dev.wsboot.server.WsServerCustomizer;
import dev.wsboot.server.WsServerFactory;
import dev.wsboot.server.CompositeWsServerObserver;
import dev.wsboot.server.WsServerObserver;
import dev.wsboot.server.WsSessionRegistry;
import dev.wsboot.server.nio.NioWsServerFactory;
import dev.wsboot.ssl.JdkWsSslEngineFactory;
import dev.wsboot.ssl.SslBundleEngineSource;
import dev.wsboot.ssl.WsSslEngineFactory;
import dev.wsboot.topic.DefaultWsTopics;
import dev.wsboot.topic.WsTopicRelay;
import dev.wsboot.topic.WsTopics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnThreading;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Auto-configuration of a WebSocket server on its own port ({@code ws.port}, 8081 by
 * default) serving the application's {@link dev.wsboot.endpoint.WsEndpoint @WsEndpoint}
 * beans, configured by {@link WsProperties} and {@link WsServerCustomizer} beans.
 *
 * <p>Unlike Spring Boot's RSocket server, which starts only when given a port, this server
 * starts by default: serving WebSocket endpoints is the only reason to add the starter.
 * Set {@code ws.enabled=false} to turn it off. It runs after
 * {@link TaskExecutionAutoConfiguration} so that its handler executor does not stand in
 * for the application's own task executor, and after Jackson's so that endpoints read and
 * write JSON with the application's {@code JsonMapper}. With {@code ws.ssl.enabled=true}
 * it serves {@code wss://} with the SSL bundle named by {@code ws.ssl.bundle}.
 *
 * <p>It also provides {@link WsTopics}, configured by {@link WsTopicsProperties}, whose
 * subscriptions end with the sessions of every endpoint, and a {@link WsCluster} to send
 * to a session or a user, both reaching other nodes through a {@link WsClusterBroker} when
 * the application has one ({@link WsClusterAutoConfiguration} makes one on Redis).
 */
@AutoConfiguration(after = { TaskExecutionAutoConfiguration.class, SslAutoConfiguration.class },
		afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnBooleanProperty(name = "ws.enabled", matchIfMissing = true)
@EnableConfigurationProperties({ WsProperties.class, WsTopicsProperties.class })
public final class WsAutoConfiguration {

	/**
	 * The name of the executor bean running endpoint methods that may block. Define a bean
	 * of this name to replace it. The default one is not a candidate for injection by type,
	 * so it never stands in for another executor; inject it with this name as qualifier.
	 */
	public static final String HANDLER_EXECUTOR_BEAN_NAME = "wsHandlerExecutor";

	private static final String ALLOWED_ORIGINS_PROPERTY = "ws.allowed-origins";

	private static final Logger logger = LoggerFactory.getLogger(WsAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean(FrameCodec.class)
	Rfc6455FrameCodec wsFrameCodec() {
		return new Rfc6455FrameCodec();
	}

	@Bean
	@ConditionalOnMissingBean(HandshakeHandler.class)
	Rfc6455HandshakeHandler wsHandshakeHandler(WsProperties properties) {
		List<String> allowedOrigins = properties.getAllowedOrigins();
		Rfc6455HandshakeHandler handler;
		try {
			handler = new Rfc6455HandshakeHandler(allowedOrigins);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException(ALLOWED_ORIGINS_PROPERTY,
					String.join(",", allowedOrigins), ex.getMessage());
		}
		if (handler.allowsAnyOrigin()) {
			// Said once, at start: this is a choice, not something going wrong with requests.
			logger.warn("{} contains '*': any web page may open WebSocket connections to this server with its"
					+ " visitors' cookies; list the origins of your pages instead unless connections are"
					+ " authenticated by other means", ALLOWED_ORIGINS_PROPERTY);
		}
		return handler;
	}

	@Bean
	@ConditionalOnMissingBean(WsServerFactory.class)
	NioWsServerFactory wsServerFactory(WsProperties properties, Environment environment, FrameCodec frameCodec,
			HandshakeHandler handshakeHandler, @Qualifier(HANDLER_EXECUTOR_BEAN_NAME) Executor executor,
			ObjectProvider<WsServerObserver> observers, ObjectProvider<ExtensionFactory> extensions,
			ObjectProvider<SslBundleEngineSource> sslEngines, ObjectProvider<WsHandshakeInterceptor> interceptors,
			ObjectProvider<WsServerCustomizer> customizers) {
		NioWsServerFactory factory = new NioWsServerFactory();
		new WsPropertiesServerCustomizer(properties, environment).customize(factory);
		sslEngines.ifAvailable(factory::setSslEngineSource);
		factory.setFrameCodec(frameCodec);
		factory.setHandshakeHandler(handshakeHandler);
		factory.setExecutor(executor);
		// Guarded, each observer: one that throws is logged and neither breaks the server's
		// bookkeeping nor keeps the event from the others.
		factory.setObserver(CompositeWsServerObserver.of(observers.orderedStream().toList()));
		factory.setExtensions(extensions.orderedStream().toList());
		factory.setHandshakeInterceptors(interceptors.orderedStream().toList());
		customizers.orderedStream().forEach((customizer) -> customizer.customize(factory));
		return factory;
	}

	@Bean
	@ConditionalOnMissingBean
	WsEndpointRegistry wsEndpointRegistry(ConfigurableListableBeanFactory beanFactory, WsProperties properties) {
		return new WsEndpointRegistry(beanFactory, properties.getPath());
	}

	/**
	 * Topics that publish objects as endpoints send them, with the policy
	 * {@link WsTopicsProperties} gives each name, through the application's
	 * {@link WsTopicRelay}, if it has one, and send to users as the application's
	 * {@link WsSessionUsers} names them, by default by principal through the server's registry.
	 */
	@Bean
	@ConditionalOnMissingBean(WsTopics.class)
	DefaultWsTopics wsTopics(WsEndpointRegistry endpointRegistry, WsTopicsProperties properties,
			ObjectProvider<WsTopicRelay> relay, ObjectProvider<WsSessionRegistry> sessions,
			ObjectProvider<WsSessionUsers> users) {
		// The registry is asked at each send to a user: it is made from the server, which
		// itself is made with these topics' tracking.
		WsSessionUsers sessionUsers = users.getIfAvailable(() -> WsSessionUsers.BY_PRINCIPAL);
		return new DefaultWsTopics(endpointRegistry.getMessageEncoder(), properties::policyFor,
				relay.getIfAvailable(() -> WsTopicRelay.NONE),
				(user) -> sessionUsers.sessionsOf(user, sessions.getObject()));
	}

	/**
	 * Messages to a session or a user wherever they are connected: this node's, and the
	 * other nodes' through the application's {@link WsClusterBroker}, if it has one.
	 */
	@Bean
	@ConditionalOnMissingBean(WsCluster.class)
	DefaultWsCluster wsCluster(WsEndpointRegistry endpointRegistry, ObjectProvider<WsSessionRegistry> sessions,
			ObjectProvider<WsClusterBroker> broker, ObjectProvider<WsSessionUsers> users) {
		return new DefaultWsCluster(endpointRegistry.getMessageEncoder(), sessions::getObject, broker::getIfAvailable,
				users.getIfAvailable(() -> WsSessionUsers.BY_PRINCIPAL));
	}

	@Bean
	@ConditionalOnMissingBean
	WsServerBootstrap wsServerBootstrap(WsServerFactory serverFactory, WsEndpointRegistry endpointRegistry,
			ObjectProvider<DefaultWsTopics> topics, ObjectProvider<WsRouteCustomizer> routeCustomizers) {
		List<WsRoute> routes = endpointRegistry.getRoutes();
		// Sessions leave the topics of each DefaultWsTopics bean, the application's own
		// included, when they finish, after the endpoint's @OnClose.
		for (DefaultWsTopics tracking : topics.orderedStream().toList()) {
			routes = routes.stream().map((route) -> route.withHandler(tracking.tracking(route.handler()))).toList();
		}
		for (WsRouteCustomizer customizer : routeCustomizers.orderedStream().toList()) {
			routes = routes.stream().map(customizer::customize).toList();
		}
		return new WsServerBootstrap(serverFactory, routes);
	}

	@Bean
	@ConditionalOnMissingBean
	WsSessionRegistry wsSessionRegistry(WsServerBootstrap bootstrap) {
		return bootstrap.getServer().sessions();
	}

	/**
	 * TLS on the server's port, from the SSL bundle {@code ws.ssl.bundle} names, with the
	 * JDK's engines unless the application defines a {@link WsSslEngineFactory}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty("ws.ssl.enabled")
	static class SslConfiguration {

		@Bean
		@ConditionalOnMissingBean(WsSslEngineFactory.class)
		JdkWsSslEngineFactory wsSslEngineFactory() {
			return new JdkWsSslEngineFactory();
		}

		@Bean
		@ConditionalOnMissingBean
		SslBundleEngineSource wsSslEngineSource(WsProperties properties, SslBundles bundles,
				WsSslEngineFactory engineFactory) {
			WsProperties.Ssl ssl = properties.getSsl();
			return SslBundleEngineSource.create(bundles, ssl.getBundle(), ssl.getClientAuth(), engineFactory);
		}

	}

	/**
	 * JSON messages for endpoints, with the {@link JsonMapper} Spring Boot configures from
	 * {@code spring.jackson.*} and the application's modules; never a mapper of its own. It
	 * comes last among the {@link dev.wsboot.endpoint.WsMessageCodec} beans, so that an
	 * application's codec for a type is asked first.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(JsonMapper.class)
	static class JsonMessageCodecConfiguration {

		@Bean
		@Order(Ordered.LOWEST_PRECEDENCE)
		@ConditionalOnBean(JsonMapper.class)
		@ConditionalOnMissingBean(JacksonMessageCodec.class)
		JacksonMessageCodec wsJsonMessageCodec(JsonMapper jsonMapper) {
			return new JacksonMessageCodec(jsonMapper);
		}

	}

	/**
	 * Runs endpoint methods on a bounded pool of platform threads named
	 * {@code ws-handler-N}. They are daemon threads: the server's own threads keep the JVM
	 * alive while it runs, and a handler stuck past the graceful shutdown must not keep a
	 * stopped application from exiting. At context close the calls still queued, such as
	 * {@code @OnClose}, get a few seconds to run before the pool is shut down hard.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnThreading(Threading.PLATFORM)
	static class PlatformThreadsExecutorConfiguration {

		@Bean(name = HANDLER_EXECUTOR_BEAN_NAME, defaultCandidate = false, destroyMethod = "shutdownGracefully")
		@ConditionalOnMissingBean(name = HANDLER_EXECUTOR_BEAN_NAME)
		ThreadPoolExecutor wsHandlerExecutor(WsProperties properties) {
			WsProperties.Executor pool = properties.getExecutor();
			CustomizableThreadFactory threadFactory = new CustomizableThreadFactory("ws-handler-");
			threadFactory.setDaemon(true);
			return new WsHandlerThreadPool(pool.getMaxThreads(), pool.getQueueCapacity(), pool.getKeepAlive(),
					threadFactory);
		}

	}

	/**
	 * Runs each endpoint method call on a new virtual thread named {@code ws-handler-N},
	 * when {@code spring.threads.virtual.enabled=true} on Java 21 or later.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnThreading(Threading.VIRTUAL)
	static class VirtualThreadsExecutorConfiguration {

		@Bean(name = HANDLER_EXECUTOR_BEAN_NAME, defaultCandidate = false)
		@ConditionalOnMissingBean(name = HANDLER_EXECUTOR_BEAN_NAME)
		SimpleAsyncTaskExecutor wsHandlerExecutor() {
			SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("ws-handler-");
			executor.setVirtualThreads(true);
			return executor;
		}

	}

}
