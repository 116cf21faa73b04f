package dev.wsboot.bench.load;

/** One kind of load; runs to completion by itself and returns its figures. */
interface Scenario {

	Results run(LoadRun run) throws Exception;

	static Scenario named(String name) {
		return switch (name) {
			case "echo", "large", "json" -> new EchoScenario();
			case "handshake" -> new HandshakeScenario();
			case "connect", "partial-frame" -> new ConnectScenario(HeldConnections.named(name));
			case "broadcast", "topic" -> new BroadcastScenario();
			default -> throw new IllegalArgumentException("unknown scenario " + name);
		};
	}
}
