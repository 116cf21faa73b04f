package dev.wsboot.bench.peer;

/**
 * The typed message of the JSON echo benchmark: about what a chat application sends. The
 * load generator's {@code json} scenario writes these as 100-byte objects, properties in the
 * order Jackson writes them back, so that an echo through this record is byte for byte.
 *
 * @param id the message's id (the generator's sequence number, in 16 hex digits)
 * @param priority a number, so that reading it is more than copying strings
 * @param room the room it was sent to
 * @param text what was said
 * @param user who said it
 */
public record ChatMessage(String id, int priority, String room, String text, String user) {
}
