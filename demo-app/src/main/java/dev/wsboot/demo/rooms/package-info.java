/**
 * Chat rooms on {@code /rooms/{room}}: typed JSON messages in and out, one topic per room.
 */
@NullMarked
package dev.wsboot.demo.rooms;

import org.jspecify.annotations.NullMarked;
