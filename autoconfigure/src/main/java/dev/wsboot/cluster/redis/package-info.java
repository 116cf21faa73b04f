/**
 * The cluster on Redis pub/sub through Lettuce, with the application's Spring Data Redis
 * connection factory: a channel per topic, one per node, one for users, and presence from
 * node keys that expire.
 */
@NullMarked
package dev.wsboot.cluster.redis;

import org.jspecify.annotations.NullMarked;
