package dev.wsboot.test.sample;

import dev.wsboot.endpoint.OnMessage;
import dev.wsboot.endpoint.WsEndpoint;

/** Greets whoever names itself, through the {@link Greeter}. */
@WsEndpoint("/greet")
public class GreetingEndpoint {

	private final Greeter greeter;

	public GreetingEndpoint(Greeter greeter) {
		this.greeter = greeter;
	}

	@OnMessage
	public String greet(String name) {
		return this.greeter.greet(name);
	}

}
