import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Checks that the demo's rooms work across two instances: a member of room "lobby" on one
 * says a line, a member of "lobby" on the other hears it, and the other way round.
 * Run with {@code java RoomsAcrossInstances.java [wsPortA] [wsPortB]} (18081 and 18091 by default);
 * exits 0 when both lines crossed.
 */
public class RoomsAcrossInstances {

	public static void main(String[] args) throws Exception {
		int portA = (args.length > 0) ? Integer.parseInt(args[0]) : 18081;
		int portB = (args.length > 1) ? Integer.parseInt(args[1]) : 18091;
		Member ada = Member.join(portA, "ada");
		Member bob = Member.join(portB, "bob");
		System.out.println("ada on :" + portA + " <- " + ada.next());
		System.out.println("bob on :" + portB + " <- " + bob.next());
		ada.say("hello from instance A");
		expect(bob, "hello from instance A");
		bob.say("hello from instance B");
		expect(ada, "hello from instance B");
		System.out.println("OK: room lobby crosses instances");
		System.exit(0);
	}

	private static void expect(Member member, String text) throws InterruptedException {
		while (true) {
			String message = member.next();
			System.out.println(member.name + " <- " + message);
			if (message.contains(text)) {
				return;
			}
		}
	}

	static final class Member implements WebSocket.Listener {

		final String name;

		final BlockingQueue<String> messages = new LinkedBlockingQueue<>();

		final StringBuilder partial = new StringBuilder();

		WebSocket socket;

		Member(String name) {
			this.name = name;
		}

		static Member join(int port, String name) throws Exception {
			Member member = new Member(name);
			member.socket = HttpClient.newHttpClient().newWebSocketBuilder()
				.buildAsync(URI.create("ws://localhost:" + port + "/rooms/lobby?name=" + name), member)
				.get(10, TimeUnit.SECONDS);
			return member;
		}

		void say(String text) throws Exception {
			this.socket.sendText("{\"type\":\"say\",\"text\":\"" + text + "\"}", true).get(10, TimeUnit.SECONDS);
		}

		String next() throws InterruptedException {
			String message = this.messages.poll(10, TimeUnit.SECONDS);
			if (message == null) {
				System.err.println("FAIL: " + this.name + " heard nothing within 10 s");
				System.exit(1);
			}
			return message;
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.partial.append(data);
			if (last) {
				this.messages.add(this.partial.toString());
				this.partial.setLength(0);
			}
			webSocket.request(1);
			return null;
		}

	}

}
