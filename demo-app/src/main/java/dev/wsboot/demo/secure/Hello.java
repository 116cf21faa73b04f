package dev.wsboot.demo.secure;

/**
 * The first message of a signed-in session, written as {@code {"type":"hello","user":NAME}}.
 *
 * @param type always {@code hello}
 * @param user the name the token was issued to
 */
public record Hello(String type, String user) {

	static Hello to(String user) {
		return new Hello("hello", user);
	}

}
