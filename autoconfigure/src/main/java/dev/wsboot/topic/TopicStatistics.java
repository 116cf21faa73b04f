package dev.wsboot.topic;

/**
 * Running totals of the topics of one node, since it started; read by the metrics.
 */
public interface TopicStatistics {

	/** Publishes, including those with no subscriber on this node and those delivered from elsewhere. */
	long publishes();

	/** Messages queued for a subscriber. */
	long deliveries();

	/** Messages skipped for a slow subscriber of a topic whose policy drops. */
	long dropped();

	/** Subscribers closed because they did not keep up. */
	long slowClosed();

	/** Topics with at least one subscriber now. */
	int topicCount();

	/** Subscriptions now, over all topics. */
	long subscriptionCount();

}
