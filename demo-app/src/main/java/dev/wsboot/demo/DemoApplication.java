package dev.wsboot.demo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The wsboot showcase: chat rooms with JSON messages on {@code /rooms/{room}}, a plain-text
 * chat room on {@code ws.path}, an echo endpoint on {@code /echo}, endpoints for signed-in
 * users on {@code /private} and {@code /admin} with demo tokens from {@code /api/token}, and
 * a page at {@code http://localhost:8080/} to chat in the rooms, and sign in, from a browser.
 */
@SpringBootApplication
public class DemoApplication {

	public static void main(String[] args) {
		SpringApplication.run(DemoApplication.class, args);
	}

}
