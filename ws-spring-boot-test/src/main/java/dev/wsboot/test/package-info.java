/**
 * The wsboot test kit: a WebSocket test client on the server's port
 * ({@link dev.wsboot.test.client}), topic publish assertions ({@link dev.wsboot.test.topic}),
 * the {@code @WsEndpointTest} slice ({@link dev.wsboot.test.autoconfigure}), and their AssertJ
 * entry points in {@link dev.wsboot.test.WsAssertions}.
 */
@NullMarked
package dev.wsboot.test;

import org.jspecify.annotations.NullMarked;
