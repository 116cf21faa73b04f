package dev.wsboot.cluster;

import org.springframework.context.ApplicationEvent;

/**
 * Messages from another node to a topic were lost on their way to this node, as the
 * sequence of the next one showed: this node's subscribers of the topic missed them, and
 * may need to load the topic's state afresh. Published on a thread of the cluster's own,
 * never the one receiving from the broker.
 */
public class WsClusterGapEvent extends ApplicationEvent {

	private final String topic;

	private final String origin;

	private final long missed;

	/**
	 * @param source the broker that found the gap
	 * @param topic the topic whose messages were lost
	 * @param origin the node that published them
	 * @param missed how many were lost
	 */
	public WsClusterGapEvent(Object source, String topic, String origin, long missed) {
		super(source);
		this.topic = topic;
		this.origin = origin;
		this.missed = missed;
	}

	/** The topic whose messages were lost. */
	public String getTopic() {
		return this.topic;
	}

	/** The id of the node that published them. */
	public String getOrigin() {
		return this.origin;
	}

	/** How many messages were lost. */
	public long getMissed() {
		return this.missed;
	}

}
