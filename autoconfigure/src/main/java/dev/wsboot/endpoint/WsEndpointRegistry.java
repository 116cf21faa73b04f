package dev.wsboot.endpoint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.wsboot.server.WsRoute;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.aop.framework.autoproxy.AutoProxyUtils;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * Finds the {@link WsEndpoint @WsEndpoint} beans of the application and makes a
 * {@link WsRoute} of each, failing fast when two share a path.
 *
 * <p>Endpoints are found and checked by their bean types without creating them, so that an
 * endpoint can depend on beans made from the routes, such as the
 * {@link dev.wsboot.server.WsSessionRegistry}; the endpoint beans themselves are obtained
 * once every singleton exists.
 */
public class WsEndpointRegistry implements SmartInitializingSingleton {

	private static final Logger logger = LoggerFactory.getLogger(WsEndpointRegistry.class);

	private final List<WsRoute> routes = new ArrayList<>();

	private final List<WsEndpointHandler> handlers = new ArrayList<>();

	private final List<WsEndpointDescriptor> descriptors = new ArrayList<>();

	/**
	 * Finds the endpoints among the beans of {@code beanFactory}.
	 * @param beanFactory the bean factory holding the endpoint beans
	 * @param defaultPath the path of endpoints that declare none (the {@code ws.path} property)
	 * @throws WsEndpointDefinitionException if an endpoint is declared in a way that cannot work
	 */
	public WsEndpointRegistry(ConfigurableListableBeanFactory beanFactory, String defaultPath) {
		Map<String, String> beanNamesByPath = new LinkedHashMap<>();
		for (String beanName : beanFactory.getBeanNamesForAnnotation(WsEndpoint.class)) {
			if (ScopedProxyUtils.isScopedTarget(beanName)) {
				continue;
			}
			WsEndpoint annotation = beanFactory.findAnnotationOnBean(beanName, WsEndpoint.class, false);
			Class<?> endpointClass = endpointClass(beanFactory, beanName);
			Assert.state(annotation != null && endpointClass != null, () -> "No type for endpoint bean " + beanName);
			String path = path(beanFactory, annotation, defaultPath, beanName, endpointClass);
			String existing = beanNamesByPath.putIfAbsent(path, beanName);
			if (existing != null) {
				throw new WsEndpointDefinitionException("WebSocket endpoints " + describe(beanFactory, existing)
						+ " and " + describe(beanFactory, beanName) + " are both mapped to path '" + path + "'.",
						"Give each @WsEndpoint its own path; one without a path takes the 'ws.path' property.");
			}
			EndpointDefinition definition = EndpointDefinition.of(endpointClass);
			WsEndpointHandler handler = new WsEndpointHandler(definition, () -> beanFactory.getBean(beanName));
			this.descriptors.add(new WsEndpointDescriptor(path, beanName, endpointClass.getName(),
					definition.describeMethods(), List.of(annotation.subprotocols()), annotation.nonBlocking()));
			this.handlers.add(handler);
			this.routes.add(new WsRoute(path, handler, List.of(annotation.subprotocols()), annotation.nonBlocking()));
		}
		if (logger.isDebugEnabled()) {
			logger.debug(beanNamesByPath.isEmpty() ? "No @WsEndpoint beans found"
					: "Found WebSocket endpoints: " + beanNamesByPath.entrySet()
						.stream()
						.map((entry) -> entry.getKey() + " -> " + entry.getValue())
						.collect(Collectors.joining(", ")));
		}
	}

	/** The route of each endpoint, in the order the beans were defined. */
	public List<WsRoute> getRoutes() {
		return List.copyOf(this.routes);
	}

	/** A description of each endpoint, in the order the beans were defined. */
	public List<WsEndpointDescriptor> getEndpoints() {
		return List.copyOf(this.descriptors);
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.handlers.forEach(WsEndpointHandler::resolve);
	}

	private static @Nullable Class<?> endpointClass(ConfigurableListableBeanFactory beanFactory, String beanName) {
		Class<?> type = AutoProxyUtils.determineTargetClass(beanFactory, beanName);
		if (type == null) {
			type = beanFactory.getType(beanName, false);
		}
		return (type != null) ? ClassUtils.getUserClass(type) : null;
	}

	private static String path(ConfigurableListableBeanFactory beanFactory, WsEndpoint annotation, String defaultPath,
			String beanName, Class<?> endpointClass) {
		String declared = annotation.path().isEmpty() ? defaultPath : annotation.path();
		String path = beanFactory.resolveEmbeddedValue(declared);
		if (path == null || !path.startsWith("/") || path.chars().anyMatch((c) -> c == '?' || c == '#' || c <= ' ')) {
			throw new WsEndpointDefinitionException("WebSocket endpoint '" + beanName + "' (" + endpointClass.getName()
					+ ") has the invalid path '" + path + "'.",
					"Use a path that starts with '/' and has no query, fragment or whitespace, such as '/chat'.");
		}
		return path;
	}

	private static String describe(ConfigurableListableBeanFactory beanFactory, String beanName) {
		Class<?> type = endpointClass(beanFactory, beanName);
		return "'" + beanName + "' (" + ((type != null) ? type.getName() : "unknown type") + ")";
	}

}
