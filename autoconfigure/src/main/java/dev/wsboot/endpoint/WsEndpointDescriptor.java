package dev.wsboot.endpoint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an {@link WsEndpoint} bean serves, as shown by the Actuator {@code websockets}
 * endpoint.
 *
 * @param path the request path it accepts upgrades on
 * @param beanName the name of the endpoint bean
 * @param beanType the class of the endpoint bean
 * @param handlerMethods the signatures of its handler methods, by annotation
 * ({@code OnOpen}, {@code OnMessage}, {@code OnClose}, {@code OnError})
 * @param subprotocols the subprotocols it offers
 * @param nonBlocking whether its methods run on the I/O thread
 */
public record WsEndpointDescriptor(String path, String beanName, String beanType,
		Map<String, List<String>> handlerMethods, List<String> subprotocols, boolean nonBlocking) {

	public WsEndpointDescriptor {
		handlerMethods = Collections.unmodifiableMap(new LinkedHashMap<>(handlerMethods));
		subprotocols = List.copyOf(subprotocols);
	}

}
