package dev.wsboot.context;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.beans.factory.annotation.Value;

/**
 * Injects the port the WebSocket server listens on, as published by
 * {@link WsServerPortInfoApplicationContextInitializer}; handy in tests run with
 * {@code ws.port=0}. A shortcut for {@code @Value("${local.ws.server.port}")}.
 *
 * <p>The port is known only once the server has started, so inject it where injection
 * happens after the context is refreshed, such as in a {@code @SpringBootTest} class.
 */
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Value("${" + WsServerPortInfoApplicationContextInitializer.PROPERTY_NAME + "}")
public @interface LocalWsServerPort {

}
