package dev.wsboot.test.autoconfigure;

import org.springframework.boot.test.autoconfigure.TestSliceTestContextBootstrapper;

/**
 * Bootstraps a {@link WsEndpointTest @WsEndpointTest}: the {@code @SpringBootConfiguration}
 * of the test's package, the annotation's {@code properties}.
 */
class WsEndpointTestContextBootstrapper extends TestSliceTestContextBootstrapper<WsEndpointTest> {

}
