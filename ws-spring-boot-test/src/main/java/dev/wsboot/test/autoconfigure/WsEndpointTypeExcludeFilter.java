package dev.wsboot.test.autoconfigure;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

import dev.wsboot.endpoint.WsArgumentResolver;
import dev.wsboot.endpoint.WsEndpoint;
import dev.wsboot.endpoint.WsMessageCodec;
import dev.wsboot.endpoint.WsReturnValueHandler;
import dev.wsboot.handshake.HandshakeHandler;
import dev.wsboot.protocol.extension.ExtensionFactory;
import dev.wsboot.server.WsServerCustomizer;
import dev.wsboot.server.WsServerObserver;
import dev.wsboot.topic.WsTopicRelay;

import org.springframework.boot.test.context.filter.annotation.StandardAnnotationCustomizableTypeExcludeFilter;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.converter.GenericConverter;
import org.springframework.util.ClassUtils;

/**
 * Scans, for a {@link WsEndpointTest @WsEndpointTest}, the endpoints it lists (every
 * {@code @WsEndpoint} when none) and the components that shape how they are served.
 */
class WsEndpointTypeExcludeFilter extends StandardAnnotationCustomizableTypeExcludeFilter<WsEndpointTest> {

	private static final String[] OPTIONAL_INCLUDES = { "tools.jackson.databind.JacksonModule",
			"org.springframework.boot.jackson.JacksonComponent" };

	private static final Set<Class<?>> KNOWN_INCLUDES;

	static {
		Set<Class<?>> includes = new LinkedHashSet<>();
		includes.add(WsMessageCodec.class);
		includes.add(WsArgumentResolver.class);
		includes.add(WsReturnValueHandler.class);
		includes.add(HandshakeHandler.class);
		includes.add(WsServerCustomizer.class);
		includes.add(WsServerObserver.class);
		includes.add(ExtensionFactory.class);
		includes.add(WsTopicRelay.class);
		includes.add(Converter.class);
		includes.add(GenericConverter.class);
		for (String optionalInclude : OPTIONAL_INCLUDES) {
			if (ClassUtils.isPresent(optionalInclude, WsEndpointTypeExcludeFilter.class.getClassLoader())) {
				includes.add(ClassUtils.resolveClassName(optionalInclude,
						WsEndpointTypeExcludeFilter.class.getClassLoader()));
			}
		}
		KNOWN_INCLUDES = Collections.unmodifiableSet(includes);
	}

	private static final Set<Class<?>> KNOWN_INCLUDES_AND_ENDPOINTS;

	static {
		Set<Class<?>> includes = new LinkedHashSet<>(KNOWN_INCLUDES);
		includes.add(WsEndpoint.class);
		KNOWN_INCLUDES_AND_ENDPOINTS = Collections.unmodifiableSet(includes);
	}

	private final Class<?>[] endpoints;

	WsEndpointTypeExcludeFilter(Class<?> testClass) {
		super(testClass);
		this.endpoints = getAnnotation().getValue("endpoints", Class[].class).orElse(new Class<?>[0]);
	}

	@Override
	protected Set<Class<?>> getKnownIncludes() {
		return (this.endpoints.length == 0) ? KNOWN_INCLUDES_AND_ENDPOINTS : KNOWN_INCLUDES;
	}

	@Override
	protected Set<Class<?>> getComponentIncludes() {
		return new LinkedHashSet<>(Arrays.asList(this.endpoints));
	}

}
