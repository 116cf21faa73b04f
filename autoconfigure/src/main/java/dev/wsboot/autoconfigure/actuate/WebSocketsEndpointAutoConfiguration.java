package dev.wsboot.autoconfigure.actuate;

import dev.wsboot.actuate.endpoint.WebSocketsEndpoint;
import dev.wsboot.autoconfigure.WsAutoConfiguration;
import dev.wsboot.endpoint.WsEndpointRegistry;
import dev.wsboot.server.WsSessionRegistry;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Adds the {@code websockets} Actuator endpoint; it is exposed like any other, e.g. with
 * {@code management.endpoints.web.exposure.include=websockets}.
 */
@AutoConfiguration(after = WsAutoConfiguration.class)
@ConditionalOnClass(ConditionalOnAvailableEndpoint.class)
@ConditionalOnBean(WsEndpointRegistry.class)
@ConditionalOnAvailableEndpoint(WebSocketsEndpoint.class)
public final class WebSocketsEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	WebSocketsEndpoint webSocketsEndpoint(WsEndpointRegistry endpoints, WsSessionRegistry sessions) {
		return new WebSocketsEndpoint(endpoints.getEndpoints(), sessions);
	}

}
