package dev.wsboot.topic;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The topics of one session, kept in its attributes so that it goes with the session. Once
 * the session has finished, it is ended and takes no new topic, so that a subscribe racing
 * with the end of the session cannot leave the session in a topic.
 */
final class Membership {

	/** The key of a session's membership among its attributes. */
	static final String ATTRIBUTE = Membership.class.getName();

	/** Guarded by this. */
	final Set<Topic> topics = new LinkedHashSet<>();

	/** Guarded by this. */
	boolean ended;

}
