/**
 * The test kit in Spring tests: the {@link dev.wsboot.test.autoconfigure.WsEndpointTest}
 * slice, the auto-configuration of the test client in {@code @SpringBootTest} tests, the
 * free port, and a clean slate for each test.
 */
@NullMarked
package dev.wsboot.test.autoconfigure;

import org.jspecify.annotations.NullMarked;
