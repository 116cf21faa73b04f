/**
 * The test kit's WebSocket client: {@link dev.wsboot.test.client.WsTestClient} opens
 * {@link dev.wsboot.test.client.WsTestSession}s on plain sockets, which send messages, JSON
 * and raw {@link dev.wsboot.test.client.WsFrame}s, and wait for what the server sends, with
 * AssertJ assertions on sessions, messages and upgrade responses.
 */
@NullMarked
package dev.wsboot.test.client;

import org.jspecify.annotations.NullMarked;
