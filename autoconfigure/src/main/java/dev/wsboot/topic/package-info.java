/**
 * Topics: named groups of sessions that one publish reaches, each message encoded and framed
 * once for all of them, in publish order, with a policy for subscribers that fall behind.
 */
@NullMarked
package dev.wsboot.topic;

import org.jspecify.annotations.NullMarked;
