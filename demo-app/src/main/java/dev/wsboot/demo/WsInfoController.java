package dev.wsboot.demo;

import java.util.Map;

import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tells the chat page where the WebSocket server listens: its port is not the page's.
 */
@RestController
class WsInfoController {

	private final Environment environment;

	WsInfoController(Environment environment) {
		this.environment = environment;
	}

	@GetMapping("/ws-info")
	Map<String, Object> info() {
		return Map.of("port", this.environment.getProperty("local.ws.server.port", Integer.class, -1), "path",
				this.environment.getProperty("ws.path", "/ws"));
	}

}
