/**
 * Ties the WebSocket server to the application context: starts and stops it, publishes
 * its port and explains why it could not start.
 */
@NullMarked
package dev.wsboot.context;

import org.jspecify.annotations.NullMarked;
