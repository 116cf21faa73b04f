package dev.wsboot.bench.jmh;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.wsboot.handshake.HandshakeHandler;
import dev.wsboot.handshake.HandshakeLimits;
import dev.wsboot.handshake.HandshakeRequest;
import dev.wsboot.handshake.HandshakeRequestParser;
import dev.wsboot.handshake.HandshakeResponse;
import dev.wsboot.handshake.Rfc6455HandshakeHandler;
import dev.wsboot.handshake.UpgradeTarget;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The opening handshake a connection costs before its first frame: parsing a browser-like
 * upgrade request, deciding (SHA-1 of the key included) and writing the 101 response.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class HandshakeBenchmark {

	private static final String REQUEST = "GET /chat?room=42 HTTP/1.1\r\n"
			+ "Host: server.example.com:8081\r\n"
			+ "Upgrade: websocket\r\n"
			+ "Connection: Upgrade\r\n"
			+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
			+ "Sec-WebSocket-Version: 13\r\n"
			+ "Origin: https://example.com\r\n"
			+ "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0\r\n"
			+ "Accept-Language: en-US,en;q=0.5\r\n"
			+ "Cache-Control: no-cache\r\n"
			+ "\r\n";

	private final ByteBuffer request = ByteBuffer.wrap(REQUEST.getBytes(StandardCharsets.US_ASCII));

	/** The page is on another host than the server, so its origin is listed. */
	private final HandshakeHandler handler = new Rfc6455HandshakeHandler(List.of("https://example.com"));

	private final UpgradeTarget target = new UpgradeTarget("/chat", List.of());

	private HandshakeRequest parsed;

	@Setup
	public void setUp() {
		this.parsed = parse();
		if (!this.handler.handshake(this.parsed, this.target).isAccepted()) {
			throw new IllegalStateException("the sample request is refused");
		}
	}

	@Benchmark
	public HandshakeRequest parseRequest() {
		return parse();
	}

	@Benchmark
	public byte[] acceptParsedRequest() {
		return this.handler.handshake(this.parsed, this.target).toBytes();
	}

	@Benchmark
	public byte[] parseAndAccept() {
		HandshakeResponse response = this.handler.handshake(parse(), this.target);
		return response.toBytes();
	}

	private HandshakeRequest parse() {
		this.request.clear();
		HandshakeRequest parsedRequest = new HandshakeRequestParser(HandshakeLimits.DEFAULTS).parse(this.request);
		if (parsedRequest == null) {
			throw new IllegalStateException("request head incomplete");
		}
		return parsedRequest;
	}
}
