package dev.wsboot.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.autoconfigure.OverrideAutoConfiguration;
import org.springframework.boot.test.context.filter.annotation.TypeExcludeFilters;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.BootstrapWith;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * A test of WebSocket endpoints that starts the WebSocket server with the endpoints under
 * test and what they are bound with, not the whole application, in the style of
 * {@code @WebMvcTest}; a {@link dev.wsboot.test.client.WsTestClient} on the server's free
 * port and the {@link dev.wsboot.test.topic.WsPublishes} are ready to inject.
 *
 * <pre class="code">
 * &#64;WsEndpointTest(RoomEndpoint.class)
 * class RoomEndpointTests {
 *
 *     &#64;Autowired
 *     WsTestClient ws;
 *
 *     &#64;MockitoBean
 *     RoomDirectory directory;
 *
 * }
 * </pre>
 *
 * <p>Of the application's components, only these are scanned: the listed endpoints (every
 * {@code @WsEndpoint} when none is listed), message codecs, argument resolvers, return value
 * handlers, handshake handlers (the security of the upgrade), server customizers and
 * observers, extension factories, topic relays, converters, and Jackson modules and
 * components; modules add theirs in
 * {@code META-INF/spring/dev.wsboot.test.autoconfigure.WsEndpointTest.includes}. Other
 * collaborators of the endpoints are the test's to provide, as {@code @MockitoBean}s or
 * {@code @Import}ed configuration. The auto-configurations are the WebSocket server's, the
 * test kit's, Jackson's and Bean Validation's, as listed in
 * {@code META-INF/spring/dev.wsboot.test.autoconfigure.WsEndpointTest.imports}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@BootstrapWith(WsEndpointTestContextBootstrapper.class)
@ExtendWith(SpringExtension.class)
@OverrideAutoConfiguration(enabled = false)
@TypeExcludeFilters(WsEndpointTypeExcludeFilter.class)
@ImportAutoConfiguration
public @interface WsEndpointTest {

	/** Alias for {@link #endpoints()}. */
	@AliasFor("endpoints")
	Class<?>[] value() default {};

	/** The endpoints to test; every {@code @WsEndpoint} of the application when empty. */
	@AliasFor("value")
	Class<?>[] endpoints() default {};

	/** Properties in {@code key=value} form for the test's environment, before it starts. */
	String[] properties() default {};

	/** Whether to scan the components listed above; with false, only {@link #includeFilters()}. */
	boolean useDefaultFilters() default true;

	/** Filters for more components to scan. */
	Filter[] includeFilters() default {};

	/** Filters for components not to scan. */
	Filter[] excludeFilters() default {};

	/** Auto-configurations to leave out. */
	@AliasFor(annotation = ImportAutoConfiguration.class, attribute = "exclude")
	Class<?>[] excludeAutoConfiguration() default {};

}
