package dev.wsboot.endpoint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.wsboot.server.CompositeWsServerObserver;
import dev.wsboot.server.PathTemplate;
import dev.wsboot.server.WsMessageEncoder;
import dev.wsboot.server.WsRoute;
import dev.wsboot.server.WsServerObserver;
import dev.wsboot.server.WsUpgradeCheck;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.aop.framework.autoproxy.AutoProxyUtils;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.convert.ConversionService;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.validation.Validator;

/**
 * Finds the {@link WsEndpoint @WsEndpoint} beans of the application and makes a
 * {@link WsRoute} of each, failing fast when a path is invalid or two endpoints could serve
 * the same request path.
 *
 * <p>Endpoints are found and checked by their bean types without creating them, so that an
 * endpoint can depend on beans made from the routes, such as the
 * {@link dev.wsboot.server.WsSessionRegistry}; the endpoint beans themselves are obtained
 * once every singleton exists. What their methods are bound with is found in the same bean
 * factory: {@link WsArgumentResolver}, {@link WsReturnValueHandler}, {@link WsMessageCodec}
 * and {@link WsMethodGuard} beans in {@code @Order}, the unique {@link ConversionService} (or
 * Spring Boot's shared one) for path and query parameters, and the unique
 * {@link Validator}, if any, for {@code @Valid} payloads.
 */
public class WsEndpointRegistry implements SmartInitializingSingleton {

	private static final Logger logger = LoggerFactory.getLogger(WsEndpointRegistry.class);

	private final List<WsRoute> routes = new ArrayList<>();

	private final List<WsEndpointHandler> handlers = new ArrayList<>();

	private final List<WsEndpointDescriptor> descriptors = new ArrayList<>();

	private final WsMessageEncoder encoder;

	/**
	 * Finds the endpoints among the beans of {@code beanFactory}.
	 * @param beanFactory the bean factory holding the endpoint beans and what they are bound with
	 * @param defaultPath the path of endpoints that declare none (the {@code ws.path} property)
	 * @throws WsEndpointDefinitionException if an endpoint is declared in a way that cannot work
	 */
	public WsEndpointRegistry(ConfigurableListableBeanFactory beanFactory, String defaultPath) {
		EndpointSupport support = support(beanFactory);
		this.encoder = support.codecs();
		// Resolved at the first rejected message: observers such as metrics may depend on
		// beans made from these routes.
		SingletonSupplier<WsServerObserver> observer = SingletonSupplier.of(() -> CompositeWsServerObserver
			.of(beanFactory.getBeanProvider(WsServerObserver.class).orderedStream().toList()));
		Map<PathTemplate, String> beanNamesByTemplate = new LinkedHashMap<>();
		for (String beanName : beanFactory.getBeanNamesForAnnotation(WsEndpoint.class)) {
			if (ScopedProxyUtils.isScopedTarget(beanName)) {
				continue;
			}
			WsEndpoint annotation = beanFactory.findAnnotationOnBean(beanName, WsEndpoint.class, false);
			Class<?> endpointClass = endpointClass(beanFactory, beanName);
			Assert.state(annotation != null && endpointClass != null, () -> "No type for endpoint bean " + beanName);
			PathTemplate template = template(beanFactory, annotation, defaultPath, beanName, endpointClass);
			checkNoConflict(beanFactory, beanNamesByTemplate, template, beanName);
			beanNamesByTemplate.put(template, beanName);
			EndpointDefinition definition = EndpointDefinition.of(endpointClass, template, support);
			WsEndpointHandler handler = new WsEndpointHandler(definition, () -> beanFactory.getBean(beanName),
					observer);
			EndpointParameters parameters = definition.parameters();
			WsUpgradeCheck upgradeCheck = parameters.isEmpty() ? WsUpgradeCheck.NONE : parameters;
			List<String> subprotocols = List.of(annotation.subprotocols());
			this.descriptors.add(new WsEndpointDescriptor(template.pattern(), beanName, endpointClass.getName(),
					definition.describeMethods(), subprotocols, annotation.nonBlocking()));
			this.handlers.add(handler);
			this.routes.add(new WsRoute(template.pattern(), handler, subprotocols, annotation.nonBlocking(),
					upgradeCheck, support.codecs()));
		}
		if (logger.isDebugEnabled()) {
			logger.debug(beanNamesByTemplate.isEmpty() ? "No @WsEndpoint beans found"
					: "Found WebSocket endpoints: " + beanNamesByTemplate.entrySet()
						.stream()
						.map((entry) -> entry.getKey() + " -> " + entry.getValue())
						.collect(Collectors.joining(", ")));
		}
	}

	private static EndpointSupport support(ConfigurableListableBeanFactory beanFactory) {
		ConversionService conversionService = beanFactory.getBeanProvider(ConversionService.class)
			.getIfUnique(ApplicationConversionService::getSharedInstance);
		Validator validator = beanFactory.getBeanProvider(Validator.class).getIfUnique();
		return new EndpointSupport(beanFactory.getBeanProvider(WsArgumentResolver.class).orderedStream().toList(),
				beanFactory.getBeanProvider(WsReturnValueHandler.class).orderedStream().toList(),
				new EndpointCodecs(beanFactory.getBeanProvider(WsMessageCodec.class).orderedStream().toList()),
				conversionService, validator, beanFactory.getBeanProvider(WsMethodGuard.class).orderedStream().toList());
	}

	/** The route of each endpoint, in the order the beans were defined. */
	public List<WsRoute> getRoutes() {
		return List.copyOf(this.routes);
	}

	/**
	 * What turns the objects endpoints send into messages: text and bytes as they are,
	 * anything else through the {@link WsMessageCodec} beans.
	 */
	public WsMessageEncoder getMessageEncoder() {
		return this.encoder;
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

	private static PathTemplate template(ConfigurableListableBeanFactory beanFactory, WsEndpoint annotation,
			String defaultPath, String beanName, Class<?> endpointClass) {
		String declared = annotation.path().isEmpty() ? defaultPath : annotation.path();
		String path = beanFactory.resolveEmbeddedValue(declared);
		try {
			return PathTemplate.parse((path != null) ? path : "");
		}
		catch (IllegalArgumentException ex) {
			throw new WsEndpointDefinitionException("WebSocket endpoint '" + beanName + "' (" + endpointClass.getName()
					+ ") has the invalid path '" + path + "': " + ex.getMessage() + ".",
					"Use a path that starts with '/' and has no query, fragment or whitespace, such as '/chat' or"
							+ " '/rooms/{room}', with each variable a whole segment.");
		}
	}

	private static void checkNoConflict(ConfigurableListableBeanFactory beanFactory,
			Map<PathTemplate, String> beanNamesByTemplate, PathTemplate template, String beanName) {
		for (Map.Entry<PathTemplate, String> entry : beanNamesByTemplate.entrySet()) {
			PathTemplate other = entry.getKey();
			if (other.pattern().equals(template.pattern())) {
				throw new WsEndpointDefinitionException("WebSocket endpoints " + describe(beanFactory, entry.getValue())
						+ " and " + describe(beanFactory, beanName) + " are both mapped to path '" + template + "'.",
						"Give each @WsEndpoint its own path; one without a path takes the 'ws.path' property.");
			}
			if (other.isAmbiguousWith(template)) {
				throw new WsEndpointDefinitionException("WebSocket endpoints " + describe(beanFactory, entry.getValue())
						+ " at '" + other + "' and " + describe(beanFactory, beanName) + " at '" + template
						+ "' could both serve the same request path, and neither is more specific.",
						"Make one of the paths differ in a literal segment, or merge the two endpoints.");
			}
		}
	}

	private static String describe(ConfigurableListableBeanFactory beanFactory, String beanName) {
		Class<?> type = endpointClass(beanFactory, beanName);
		return "'" + beanName + "' (" + ((type != null) ? type.getName() : "unknown type") + ")";
	}

}
