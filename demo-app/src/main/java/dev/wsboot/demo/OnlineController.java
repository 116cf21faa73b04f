package dev.wsboot.demo;

import java.util.Map;

import dev.wsboot.cluster.WsCluster;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who is in a room on any instance, and which instances are alive: this instance alone
 * without the cluster profile, every instance with it.
 */
@RestController
class OnlineController {

	private final WsCluster cluster;

	OnlineController(WsCluster cluster) {
		this.cluster = cluster;
	}

	@GetMapping("/online")
	Map<String, Object> online() {
		return Map.of("node", this.cluster.nodeId(), "nodes", this.cluster.nodes(), "users",
				this.cluster.onlineUsers());
	}

}
