import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Traffic in the demo's room "lobby", for the cluster scripts:
 * {@code java RoomTraffic.java say <wsPort> <count> <name>} joins and says {@code count}
 * lines of about 1 KB, then leaves; {@code java RoomTraffic.java stay <wsPort> <name>} joins
 * and stays until killed, so that its instance keeps the room's channel subscribed.
 */
public class RoomTraffic {

	public static void main(String[] args) throws Exception {
		String mode = args[0];
		int port = Integer.parseInt(args[1]);
		String name = args[args.length - 1];
		CountDownLatch welcomed = new CountDownLatch(1);
		WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
			.buildAsync(URI.create("ws://localhost:" + port + "/rooms/lobby?name=" + name), new WebSocket.Listener() {

				@Override
				public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
					welcomed.countDown();
					webSocket.request(1);
					return null;
				}

			})
			.get(10, TimeUnit.SECONDS);
		if (!welcomed.await(10, TimeUnit.SECONDS)) {
			throw new IllegalStateException("No welcome from :" + port);
		}
		if (mode.equals("stay")) {
			System.out.println(name + " stays in lobby on :" + port);
			Thread.sleep(Long.MAX_VALUE);
		}
		int count = Integer.parseInt(args[2]);
		String padding = "x".repeat(1000);
		for (int i = 0; i < count; i++) {
			socket.sendText("{\"type\":\"say\",\"text\":\"" + i + " " + padding + "\"}", true).get(10, TimeUnit.SECONDS);
		}
		socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
		System.out.println(name + " said " + count + " lines on :" + port);
	}

}
