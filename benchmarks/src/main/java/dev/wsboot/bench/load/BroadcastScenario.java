package dev.wsboot.bench.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Fan-out: {@code --subscribers} connections listen on the broadcast path (or, for
 * {@code topic}, on the path whose sessions the server subscribes to one topic) and one
 * publisher connection sends {@code --messages} messages there. The publisher keeps at most
 * {@code --window} messages not yet received by every subscriber (1 = lock-step: the next
 * message goes out when all subscribers have the previous one). Deliveries per second =
 * subscribers x messages / time from the first send to the last delivery.
 *
 * <p>{@code --warmup-messages N} first sends N messages the same way, counted nowhere, so
 * that the servers' and this generator's code is compiled before the measured messages;
 * the measured part, and its CPU window, start when all N reached every subscriber.
 *
 * <p>With {@code --subscriber-ports}, the subscribers are spread over several servers in turn
 * (the nodes of a cluster), the publisher staying on {@code --port}; the latency of each
 * server's subscribers is then reported apart as well, under {@code latency_by_port}. Every
 * latency is measured in this process, from the publisher's send to a subscriber's receive,
 * so the servers' clocks do not matter.
 */
final class BroadcastScenario implements Scenario {

	private int subscribers;

	private int messages;

	/** Warm-up messages, sent first and not measured. */
	private int warmupMessages;

	/** Warm-up and measured messages. */
	private int total;

	/** The publisher sends no message numbered this or above: held at the end of the warm-up. */
	private volatile int gate;

	private final CountDownLatch warmedUp = new CountDownLatch(1);

	private int window;

	private AtomicIntegerArray received;

	private AtomicLongArray publishedAt;

	private final LongAdder deliveries = new LongAdder();

	private final AtomicInteger completed = new AtomicInteger();

	private final CountDownLatch allDelivered = new CountDownLatch(1);

	private LatencyRecorder deliveryLatency;

	private LatencyRecorder fanOutTime;

	/** Publish to delivery for the subscribers of each server, in the order of {@code --subscriber-ports}. */
	private LatencyRecorder[] latencyByServer;

	private ClientConnection publisher;

	private int published;

	private final AtomicLong lastDeliveryAt = new AtomicLong();

	@Override
	public Results run(LoadRun run) throws Exception {
		LoadOptions options = run.options();
		this.messages = options.messages();
		this.warmupMessages = options.warmupMessages();
		this.total = this.warmupMessages + this.messages;
		this.window = options.window();
		this.received = new AtomicIntegerArray(this.total);
		this.publishedAt = new AtomicLongArray(this.total);
		this.deliveryLatency = new LatencyRecorder(options.threads());
		this.fanOutTime = new LatencyRecorder(options.threads());
		List<Integer> ports = options.subscriberPorts();
		this.latencyByServer = new LatencyRecorder[ports.size()];
		for (int i = 0; i < ports.size(); i++) {
			this.latencyByServer[i] = new LatencyRecorder(options.threads());
		}
		run.requireFileDescriptors(options.subscribers() + 1L);
		LoadRun.progress("%s: %,d subscribers on %s ports %s%s, publisher on port %d, %d messages (after %d to warm up)"
				+ " of %d bytes, window %d", options.scenario(), options.subscribers(), options.host(), ports,
				options.path(), options.port(), this.messages, this.warmupMessages, options.size(), this.window);

		Connector connector = run.connector();
		Connector.Batch subscribed = connector.open(options.subscribers(), (i) -> new Subscriber(i % ports.size()),
				(i) -> run.settings(ports.get(i % ports.size())));
		this.subscribers = subscribed.open();
		if (this.subscribers == 0) {
			throw new IllegalStateException("no subscriber could connect");
		}
		Connector.Batch publishing = connector.open(1, (i) -> new Publisher());
		if (publishing.open() == 0) {
			throw new IllegalStateException("the publisher could not connect");
		}
		this.publisher = publishing.connections().get(0);
		// The server may add a connection to its broadcast group a little after answering the upgrade.
		LoadRun.sleep(options.settle());

		if (this.warmupMessages > 0) {
			warmUp(options);
		}
		CpuWindow cpu = run.startWindow();
		long start = System.nanoTime();
		this.gate = this.total;
		this.publisher.io().execute(this::publish);
		long deadline = start + options.timeout().toNanos();
		while (!this.allDelivered.await(1, TimeUnit.SECONDS) && System.nanoTime() - deadline < 0) {
			LoadRun.progress("%s: %,d of %,d messages delivered to all, %,d deliveries", options.scenario(),
					this.completed.get() - this.warmupMessages, this.messages, this.deliveries.sum());
		}
		int measured = Math.max(0, this.completed.get() - this.warmupMessages);
		long end = (measured == this.messages) ? this.lastDeliveryAt.get() : System.nanoTime();
		cpu.stop();
		if (measured < this.messages) {
			run.errors().record(Errors.INCOMPLETE, "only " + measured + " of " + this.messages
					+ " messages reached every subscriber in " + options.timeout().toSeconds() + " s");
		}
		List<ClientConnection> all = new ArrayList<>(subscribed.connections());
		all.add(this.publisher);
		run.closeAll(all);
		run.stopThreads();

		double seconds = (end - start) / 1e9;
		long delivered = this.deliveries.sum();
		Map<String, Object> latencyByPort = new LinkedHashMap<>();
		for (int i = 0; i < ports.size(); i++) {
			latencyByPort.put(Integer.toString(ports.get(i)), this.latencyByServer[i].toJson());
		}
		return new Results().score(delivered / seconds, "deliveries/s", true)
			.put("subscribers_open", this.subscribers)
			.put("messages_completed", measured)
			.put("warmup_messages", this.warmupMessages)
			.put("deliveries", delivered)
			.put("seconds", seconds)
			.put("deliveries_per_sec", delivered / seconds)
			.put("latency", this.deliveryLatency.toJson())
			.put("fan_out_time", this.fanOutTime.toJson())
			.put("latency_by_port", latencyByPort)
			.put("window", cpu.toJson());
	}

	/** Sends the warm-up messages and waits until every subscriber has them all. */
	private void warmUp(LoadOptions options) throws InterruptedException {
		this.gate = this.warmupMessages;
		this.publisher.io().execute(this::publish);
		long deadline = System.nanoTime() + options.timeout().toNanos();
		while (!this.warmedUp.await(1, TimeUnit.SECONDS)) {
			LoadRun.progress("%s: warming up, %,d of %,d messages delivered to all", options.scenario(),
					this.completed.get(), this.warmupMessages);
			if (System.nanoTime() - deadline > 0) {
				throw new IllegalStateException("the warm-up messages did not reach every subscriber in "
						+ options.timeout().toSeconds() + " s");
			}
		}
	}

	/** Sends while the window allows; runs on the publisher's I/O thread. */
	private void publish() {
		while (this.published < this.gate && this.published - this.completed.get() < this.window
				&& this.publisher.state() == ClientConnection.State.OPEN) {
			this.publishedAt.set(this.published, System.nanoTime());
			this.publisher.sendMessage();
			this.published++;
		}
	}

	private final class Subscriber implements ConnectionListener {

		/** Which of {@code --subscriber-ports} this subscriber is connected to. */
		private final int server;

		Subscriber(int server) {
			this.server = server;
		}

		@Override
		public void onMessage(ClientConnection connection, long seq) {
			BroadcastScenario scenario = BroadcastScenario.this;
			if (seq >= scenario.total) {
				return;
			}
			long latency = connection.receivedAt() - scenario.publishedAt.get((int) seq);
			boolean measured = seq >= scenario.warmupMessages;
			if (measured) {
				scenario.deliveries.increment();
				scenario.deliveryLatency.record(connection.io(), latency);
				scenario.latencyByServer[this.server].record(connection.io(), latency);
			}
			if (scenario.received.incrementAndGet((int) seq) == scenario.subscribers) {
				if (measured) {
					scenario.fanOutTime.record(connection.io(), latency);
					scenario.lastDeliveryAt.accumulateAndGet(connection.receivedAt(), Math::max);
				}
				int completed = scenario.completed.incrementAndGet();
				if (completed == scenario.total) {
					scenario.allDelivered.countDown();
				}
				else if (completed == scenario.warmupMessages) {
					// The measured part starts from the main thread, which opens the gate.
					scenario.warmedUp.countDown();
				}
				else {
					scenario.publisher.io().execute(scenario::publish);
				}
			}
		}
	}

	/** The publisher may get its own messages back; they are verified like any other and not counted. */
	private static final class Publisher implements ConnectionListener {
	}
}
