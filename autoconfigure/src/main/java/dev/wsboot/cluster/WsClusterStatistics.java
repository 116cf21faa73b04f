package dev.wsboot.cluster;

/** The running totals and state of this node's link to the others, for metrics and health. */
public interface WsClusterStatistics {

	/** The id of this node. */
	String nodeId();

	/** Whether the node can reach the broker now, to publish and to receive. */
	boolean isConnected();

	/** Messages this node handed to the broker. */
	long published();

	/** Messages that could not be handed to the broker, such as while it was unreachable. */
	long failures();

	/** Messages received from the broker, this node's own that come back included. */
	long received();

	/** Gaps found in the sequences of messages received: each one or more messages lost. */
	long gaps();

	/** Messages lost in those gaps. */
	long missed();

	/** Times the node reconnected to the broker after losing it. */
	long reconnects();

	/** Broker channels this node is subscribed to. */
	int subscriptions();

}
