package dev.wsboot.bench.load;

import java.util.ArrayList;
import java.util.List;
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
 */
final class BroadcastScenario implements Scenario {

	private int subscribers;

	private int messages;

	private int window;

	private AtomicIntegerArray received;

	private AtomicLongArray publishedAt;

	private final LongAdder deliveries = new LongAdder();

	private final AtomicInteger completed = new AtomicInteger();

	private final CountDownLatch allDelivered = new CountDownLatch(1);

	private LatencyRecorder deliveryLatency;

	private LatencyRecorder fanOutTime;

	private ClientConnection publisher;

	private int published;

	private final AtomicLong lastDeliveryAt = new AtomicLong();

	@Override
	public Results run(LoadRun run) throws Exception {
		LoadOptions options = run.options();
		this.messages = options.messages();
		this.window = options.window();
		this.received = new AtomicIntegerArray(this.messages);
		this.publishedAt = new AtomicLongArray(this.messages);
		this.deliveryLatency = new LatencyRecorder(options.threads());
		this.fanOutTime = new LatencyRecorder(options.threads());
		run.requireFileDescriptors(options.subscribers() + 1L);
		LoadRun.progress("%s: %,d subscribers on %s:%d%s, %d messages of %d bytes, window %d", options.scenario(),
				options.subscribers(),
				options.host(), options.port(), options.path(), this.messages, options.size(), this.window);

		Connector connector = run.connector();
		Connector.Batch subscribed = connector.open(options.subscribers(), (i) -> new Subscriber());
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

		CpuWindow cpu = run.startWindow();
		long start = System.nanoTime();
		this.publisher.io().execute(this::publish);
		long deadline = start + options.timeout().toNanos();
		while (!this.allDelivered.await(1, TimeUnit.SECONDS) && System.nanoTime() - deadline < 0) {
			LoadRun.progress("%s: %,d of %,d messages delivered to all, %,d deliveries", options.scenario(),
					this.completed.get(), this.messages, this.deliveries.sum());
		}
		long end = (this.completed.get() == this.messages) ? this.lastDeliveryAt.get() : System.nanoTime();
		cpu.stop();
		if (this.completed.get() < this.messages) {
			run.errors().record(Errors.INCOMPLETE, "only " + this.completed.get() + " of " + this.messages
					+ " messages reached every subscriber in " + options.timeout().toSeconds() + " s");
		}
		List<ClientConnection> all = new ArrayList<>(subscribed.connections());
		all.add(this.publisher);
		run.closeAll(all);
		run.stopThreads();

		double seconds = (end - start) / 1e9;
		long delivered = this.deliveries.sum();
		return new Results().score(delivered / seconds, "deliveries/s", true)
			.put("subscribers_open", this.subscribers)
			.put("messages_completed", this.completed.get())
			.put("deliveries", delivered)
			.put("seconds", seconds)
			.put("deliveries_per_sec", delivered / seconds)
			.put("latency", this.deliveryLatency.toJson())
			.put("fan_out_time", this.fanOutTime.toJson())
			.put("window", cpu.toJson());
	}

	/** Sends while the window allows; runs on the publisher's I/O thread. */
	private void publish() {
		while (this.published < this.messages && this.published - this.completed.get() < this.window
				&& this.publisher.state() == ClientConnection.State.OPEN) {
			this.publishedAt.set(this.published, System.nanoTime());
			this.publisher.sendMessage();
			this.published++;
		}
	}

	private final class Subscriber implements ConnectionListener {

		@Override
		public void onMessage(ClientConnection connection, long seq) {
			BroadcastScenario scenario = BroadcastScenario.this;
			if (seq >= scenario.messages) {
				return;
			}
			long latency = connection.receivedAt() - scenario.publishedAt.get((int) seq);
			scenario.deliveries.increment();
			scenario.deliveryLatency.record(connection.io(), latency);
			if (scenario.received.incrementAndGet((int) seq) == scenario.subscribers) {
				scenario.fanOutTime.record(connection.io(), latency);
				scenario.lastDeliveryAt.accumulateAndGet(connection.receivedAt(), Math::max);
				if (scenario.completed.incrementAndGet() == scenario.messages) {
					scenario.allDelivered.countDown();
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
