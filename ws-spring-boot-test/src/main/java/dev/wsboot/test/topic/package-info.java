/**
 * Topic publishes as a test sees them: the test kit records every
 * {@link dev.wsboot.topic.WsTopics} publish in {@link dev.wsboot.test.topic.WsPublishes}, so
 * that a test asserts what was published to which topic, and which sessions it reached,
 * without a client per subscriber.
 */
@NullMarked
package dev.wsboot.test.topic;

import org.jspecify.annotations.NullMarked;
