package dev.wsboot.test.sample;

import org.springframework.stereotype.Service;

/** A collaborator of an endpoint, which an endpoint slice test mocks. */
@Service
public class Greeter {

	public String greet(String name) {
		return "Hello, " + name;
	}

}
