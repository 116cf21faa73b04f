package dev.wsboot.topic;

import java.util.concurrent.atomic.LongAdder;

/** The running totals of every topic of one {@link DefaultWsTopics}. */
final class TopicCounters {

	final LongAdder publishes = new LongAdder();

	final LongAdder deliveries = new LongAdder();

	final LongAdder dropped = new LongAdder();

	final LongAdder slowClosed = new LongAdder();

}
