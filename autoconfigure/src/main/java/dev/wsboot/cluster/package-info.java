/**
 * Several nodes serving one set of topics, users and sessions: the {@link WsCluster} an
 * application uses, the {@link WsClusterBroker} a broker implements, the {@link Envelope}
 * messages travel in between nodes, and the events that tell the application when some may
 * have been lost.
 */
@NullMarked
package dev.wsboot.cluster;

import org.jspecify.annotations.NullMarked;
