package dev.wsboot.demo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The wsboot showcase: an echo endpoint on {@code /echo}, a chat room on {@code ws.path},
 * and a page at {@code http://localhost:8080/} to chat from a browser.
 */
@SpringBootApplication
public class DemoApplication {

	public static void main(String[] args) {
		SpringApplication.run(DemoApplication.class, args);
	}

}
