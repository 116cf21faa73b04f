package dev.wsboot.bench.load;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/** The command line, parsed, with defaults that depend on the scenario. */
record LoadOptions(String scenario, String host, int port, String path, int threads, int connections, int inFlight,
		int size, boolean binary, Duration warmup, Duration duration, int concurrency, int connectConcurrency,
		List<InetAddress> bindAddresses, long serverPid, List<Integer> steps, Duration settle, Duration hold, int warmConnections,
		int declaredLength, int sentBytes,
		int subscribers, int messages, int warmupMessages, int window, List<Integer> subscriberPorts, Duration timeout,
		Duration handshakeTimeout, Duration closeTimeout, long seed, Map<String, Long> watchPids) {

	static final List<String> SCENARIOS = List.of("echo", "large", "json", "handshake", "connect", "partial-frame",
			"broadcast", "topic");

	static final String USAGE = """
			usage: LoadGenerator --scenario echo|large|json|handshake|connect|partial-frame|broadcast|topic [options]
			  common:    --host 127.0.0.1 --port 9001 --threads 1
						 --path /echo (/json for json, /broadcast for broadcast, /topic for topic)
						 --handshake-timeout 10s --close-timeout 2s --server-pid PID --seed N
						 --bind-addresses 127.0.0.2,127.0.0.3 (source addresses, used in turn)
						 --connect-concurrency 128 (handshakes in progress at once while opening many)
						 --watch-pids name=PID,name=PID (more processes whose CPU over the window is reported)
			  echo:      --connections 100 --in-flight 8 --size 32 --type text --warmup 5s --duration 20s
			  large:     --connections 4 --in-flight 1 --size 1048576 --type binary --warmup 5s --duration 20s
			  json:      the echo options, with --size 100 --warmup 10s and text messages that are JSON objects
						 (at least 79 bytes) that a server may read into a record and write back
			  handshake: --concurrency 16 --size 32 --warmup 5s --duration 20s
			  connect:   --connections 10000 --steps 1000,5000 --settle 5s --hold 0s --timeout 120s --warm-connections 1000
						 (needs --server-pid and a server with -Xms = -Xmx and -XX:+AlwaysPreTouch; each reading
						 runs jcmd GC.class_histogram, a full GC, and System.trim_native_heap in the server)
			  partial-frame: the connect options, plus --declared-length 65535 --sent-bytes 1 (each connection
						 sends a frame header declaring that payload, that many payload bytes, then nothing)
			  broadcast: --subscribers 10000 --messages 100 --size 32 --window 1 --settle 1s --timeout 120s
			  topic:     the broadcast options, on the path where the server subscribes each connection to one topic
			  broadcast, topic: --subscriber-ports 9001,9002 spreads the subscribers over these servers in turn
						 (the publisher stays on --port), and reports the latency of each server's subscribers;
						 --warmup-messages 0 sends that many first, not measured
			sizes take k/KiB/m/MiB suffixes, durations ms/s/m; prints one JSON line on stdout, progress on stderr""";

	private static final Set<String> NAMES = Set.of("scenario", "host", "port", "path", "threads", "connections",
			"in-flight", "size", "type", "warmup", "duration", "concurrency", "connect-concurrency", "bind-addresses",
			"server-pid", "steps", "settle", "hold", "warm-connections", "declared-length", "sent-bytes", "subscribers",
			"messages", "warmup-messages", "window", "subscriber-ports", "timeout", "handshake-timeout", "close-timeout", "seed",
			"watch-pids");

	static LoadOptions parse(String[] args) {
		Map<String, String> given = new LinkedHashMap<>();
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (!arg.startsWith("--")) {
				throw new IllegalArgumentException("unexpected argument: " + arg);
			}
			String name = arg.substring(2);
			String value;
			int equals = name.indexOf('=');
			if (equals >= 0) {
				value = name.substring(equals + 1);
				name = name.substring(0, equals);
			}
			else if (i + 1 < args.length) {
				value = args[++i];
			}
			else {
				throw new IllegalArgumentException("--" + name + " needs a value");
			}
			if (!NAMES.contains(name)) {
				throw new IllegalArgumentException("unknown option --" + name);
			}
			given.put(name, value);
		}
		return from(new Values(given));
	}

	private static LoadOptions from(Values v) {
		String scenario = v.text("scenario", "echo");
		if (!SCENARIOS.contains(scenario)) {
			throw new IllegalArgumentException("unknown scenario " + scenario + ", expected one of " + SCENARIOS);
		}
		boolean large = scenario.equals("large");
		boolean json = scenario.equals("json");
		String type = v.text("type", large ? "binary" : "text");
		if (!type.equals("text") && !type.equals("binary")) {
			throw new IllegalArgumentException("--type is text or binary, not " + type);
		}
		if (json && type.equals("binary")) {
			throw new IllegalArgumentException("--scenario json sends text messages only");
		}
		int size = positive("size", v.size("size", large ? 1 << 20 : json ? 100 : 32));
		if (json && size < PayloadPattern.MIN_JSON_SIZE) {
			throw new IllegalArgumentException("--scenario json needs --size " + PayloadPattern.MIN_JSON_SIZE + " or more");
		}
		List<InetAddress> bindAddresses = new ArrayList<>();
		for (String address : v.list("bind-addresses")) {
			bindAddresses.add(literalAddress(address));
		}
		boolean memory = scenario.equals("connect") || scenario.equals("partial-frame");
		List<Integer> steps = new ArrayList<>();
		for (String step : v.list("steps")) {
			steps.add(positive("steps", Integer.parseInt(step)));
		}
		int declaredLength = positive("declared-length", v.integer("declared-length", 65_535));
		int sentBytes = notNegative("sent-bytes", v.integer("sent-bytes", 1));
		if (sentBytes >= declaredLength) {
			throw new IllegalArgumentException("--sent-bytes must be less than --declared-length: the frame stays unfinished");
		}
		return new LoadOptions(scenario, v.text("host", "127.0.0.1"), v.integer("port", 9001),
				v.text("path", defaultPath(scenario)),
				positive("threads", v.integer("threads", 1)),
				positive("connections", v.integer("connections", large ? 4 : memory ? 10_000 : 100)),
				positive("in-flight", v.integer("in-flight", large ? 1 : 8)),
				size, type.equals("binary"),
				// JSON: Jackson has much code to compile, on the core the server's I/O thread also runs on.
				v.duration("warmup", Duration.ofSeconds(json ? 10 : 5)), v.duration("duration", Duration.ofSeconds(20)),
				positive("concurrency", v.integer("concurrency", 16)),
				positive("connect-concurrency", v.integer("connect-concurrency", 128)), List.copyOf(bindAddresses),
				v.integer("server-pid", -1), List.copyOf(steps),
				v.duration("settle", Duration.ofSeconds(memory ? 5 : 1)),
				v.duration("hold", Duration.ZERO), notNegative("warm-connections", v.integer("warm-connections", 1000)),
				declaredLength, sentBytes, positive("subscribers", v.integer("subscribers", 10_000)),
				positive("messages", v.integer("messages", 100)),
				notNegative("warmup-messages", v.integer("warmup-messages", 0)), positive("window", v.integer("window", 1)),
				subscriberPorts(v), v.duration("timeout", Duration.ofSeconds(120)),
				v.duration("handshake-timeout", Duration.ofSeconds(10)), v.duration("close-timeout", Duration.ofSeconds(2)),
				Long.parseLong(v.text("seed", Long.toString(ThreadLocalRandom.current().nextLong()))), watchPids(v));
	}

	/** The servers the subscribers are spread over; by default only the one at {@code --port}. */
	private static List<Integer> subscriberPorts(Values v) {
		List<Integer> ports = new ArrayList<>();
		for (String port : v.list("subscriber-ports")) {
			try {
				ports.add(positive("subscriber-ports", Integer.parseInt(port.trim())));
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("--subscriber-ports takes port numbers, not " + port);
			}
		}
		return ports.isEmpty() ? List.of(v.integer("port", 9001)) : List.copyOf(ports);
	}

	/** Processes besides the server, by name, whose CPU time over the window goes into the results. */
	private static Map<String, Long> watchPids(Values v) {
		Map<String, Long> pids = new LinkedHashMap<>();
		for (String entry : v.list("watch-pids")) {
			String[] pair = entry.split("=", 2);
			if (pair.length != 2 || pair[0].isBlank() || !pair[1].trim().matches("[0-9]+")) {
				throw new IllegalArgumentException("--watch-pids takes name=PID pairs, not " + entry);
			}
			pids.put(pair[0].trim(), Long.parseLong(pair[1].trim()));
		}
		return Collections.unmodifiableMap(pids);
	}

	private static String defaultPath(String scenario) {
		return switch (scenario) {
			case "json" -> "/json";
			case "broadcast" -> "/broadcast";
			case "topic" -> "/topic";
			default -> "/echo";
		};
	}

	/** Whether messages are JSON objects instead of the plain counter and filler. */
	boolean json() {
		return this.scenario.equals("json");
	}

	/** The options that matter for this scenario, for the JSON line. */
	Map<String, Object> toJson() {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("host", this.host);
		json.put("port", this.port);
		json.put("path", this.path);
		json.put("threads", this.threads);
		switch (this.scenario) {
			case "echo", "large", "json" -> {
				json.put("connections", this.connections);
				json.put("in_flight", this.inFlight);
				putMessage(json);
				json.put("warmup_s", seconds(this.warmup));
				json.put("duration_s", seconds(this.duration));
			}
			case "handshake" -> {
				json.put("concurrency", this.concurrency);
				putMessage(json);
				json.put("warmup_s", seconds(this.warmup));
				json.put("duration_s", seconds(this.duration));
			}
			case "connect", "partial-frame" -> {
				json.put("connections", this.connections);
				json.put("steps", this.steps);
				json.put("settle_s", seconds(this.settle));
				json.put("warm_connections", this.warmConnections);
				if (this.scenario.equals("partial-frame")) {
					json.put("declared_length", this.declaredLength);
					json.put("sent_bytes", this.sentBytes);
				}
				json.put("server_pid", this.serverPid);
			}
			default -> {
				json.put("subscribers", this.subscribers);
				json.put("messages", this.messages);
				json.put("warmup_messages", this.warmupMessages);
				json.put("window", this.window);
				json.put("subscriber_ports", this.subscriberPorts);
				putMessage(json);
			}
		}
		if (!this.bindAddresses.isEmpty()) {
			json.put("bind_addresses", this.bindAddresses.stream().map(InetAddress::getHostAddress).toList());
		}
		return json;
	}

	private void putMessage(Map<String, Object> json) {
		json.put("size", this.size);
		json.put("type", this.binary ? "binary" : "text");
	}

	static double seconds(Duration duration) {
		return duration.toNanos() / 1e9;
	}

	private static int positive(String name, int value) {
		if (value <= 0) {
			throw new IllegalArgumentException("--" + name + " must be positive, not " + value);
		}
		return value;
	}

	private static int notNegative(String name, int value) {
		if (value < 0) {
			throw new IllegalArgumentException("--" + name + " must not be negative, not " + value);
		}
		return value;
	}

	private static InetAddress literalAddress(String address) {
		if (!address.matches("[0-9.]+|[0-9a-fA-F:]+")) {
			throw new IllegalArgumentException("--bind-addresses takes IP literals, not " + address);
		}
		try {
			return InetAddress.getByName(address);
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException("bad address " + address, ex);
		}
	}

	/** Raw option values with typed lookups. */
	private record Values(Map<String, String> given) {

		String text(String name, String fallback) {
			return this.given.getOrDefault(name, fallback);
		}

		List<String> list(String name) {
			String value = this.given.get(name);
			return (value == null || value.isBlank()) ? List.of() : List.of(value.split(","));
		}

		int integer(String name, int fallback) {
			String value = this.given.get(name);
			try {
				return (value != null) ? Integer.parseInt(value.trim()) : fallback;
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("--" + name + " takes a number, not " + value);
			}
		}

		boolean bool(String name, boolean fallback) {
			String value = this.given.get(name);
			if (value == null) {
				return fallback;
			}
			if (!value.equals("true") && !value.equals("false")) {
				throw new IllegalArgumentException("--" + name + " is true or false, not " + value);
			}
			return Boolean.parseBoolean(value);
		}

		int size(String name, int fallback) {
			String value = this.given.get(name);
			if (value == null) {
				return fallback;
			}
			String v = value.trim().toLowerCase(Locale.ROOT);
			long unit = 1;
			if (v.endsWith("kib") || v.endsWith("k")) {
				unit = 1024;
			}
			else if (v.endsWith("mib") || v.endsWith("m")) {
				unit = 1024 * 1024;
			}
			String digits = v.replaceAll("[a-z]+$", "");
			long bytes = Long.parseLong(digits) * unit;
			if (bytes > 64L * 1024 * 1024) {
				throw new IllegalArgumentException("--" + name + " is at most 64 MiB");
			}
			return (int) bytes;
		}

		Duration duration(String name, Duration fallback) {
			String value = this.given.get(name);
			if (value == null) {
				return fallback;
			}
			String v = value.trim().toLowerCase(Locale.ROOT);
			try {
				if (v.endsWith("ms")) {
					return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
				}
				if (v.endsWith("s")) {
					return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
				}
				if (v.endsWith("m")) {
					return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)) * 60);
				}
				return Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("--" + name + " takes a duration such as 20s or 500ms, not " + value);
			}
		}
	}
}
