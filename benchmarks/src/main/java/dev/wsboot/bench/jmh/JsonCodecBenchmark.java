package dev.wsboot.bench.jmh;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import dev.wsboot.bench.peer.ChatMessage;
import dev.wsboot.endpoint.json.JacksonMessageCodec;
import dev.wsboot.server.PreparedMessage;
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
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ResolvableType;

/**
 * What a typed endpoint adds to an echo: {@link JacksonMessageCodec} reading a 100-byte JSON
 * text message into a {@link ChatMessage} and writing the reply into a {@link PreparedMessage},
 * against what a {@code String} echo does with the same message. Both start from the payload's
 * bytes, as the server has them, and end with the bytes to frame, so their difference is the
 * codec's cost per message; the rest of the server's work (reading, framing, writing) is the
 * same for both and is measured by the {@code json} load scenario.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class JsonCodecBenchmark {

	/** 100 bytes, shaped as the load generator's {@code json} scenario sends them. */
	static final String MESSAGE = "{\"id\":\"000000000000002a\",\"priority\":3,\"room\":\"lobby\","
			+ "\"text\":\"Hello, from the bench.\",\"user\":\"bench\"}";

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final JacksonMessageCodec codec = new JacksonMessageCodec(this.mapper);

	/** Jackson bound to the type once, with nothing around it: how far the codec is from the floor. */
	private final ObjectReader reader = this.mapper.readerFor(ChatMessage.class);

	private final ObjectWriter writer = this.mapper.writerFor(ChatMessage.class);

	private final ResolvableType type = ResolvableType.forClass(ChatMessage.class);

	private byte[] payload;

	private String text;

	private ChatMessage message;

	@Setup
	public void setUp() {
		this.payload = MESSAGE.getBytes(StandardCharsets.UTF_8);
		this.text = MESSAGE;
		this.message = (ChatMessage) this.codec.decode(MESSAGE, this.type);
		// The load scenario checks echoes byte for byte: the codec must write back what it read.
		byte[] written = this.codec.encode(this.message).payload();
		if (this.payload.length != 100 || !Arrays.equals(written, this.payload)) {
			throw new IllegalStateException("expected a 100-byte message written back as read, got "
					+ new String(written, StandardCharsets.UTF_8));
		}
	}

	/** The {@code String} echo: the payload read as text, the reply's text written as UTF-8, as {@code sendText} does. */
	@Benchmark
	public byte[] stringEcho() {
		return new String(this.payload, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
	}

	/** The typed echo: the payload read as text, then into the record; the record written as a prepared message. */
	@Benchmark
	public PreparedMessage typedEcho() {
		String received = new String(this.payload, StandardCharsets.UTF_8);
		return this.codec.encode(this.codec.decode(received, this.type));
	}

	/** Reading the text into the record alone. */
	@Benchmark
	public Object decode() {
		return this.codec.decode(this.text, this.type);
	}

	/** Writing the record into a prepared message alone. */
	@Benchmark
	public PreparedMessage encode() {
		return this.codec.encode(this.message);
	}

	/** Reference for {@link #decode}: an {@code ObjectReader} made for the type once. */
	@Benchmark
	public Object readerDecode() {
		return this.reader.readValue(this.text);
	}

	/** Reference for {@link #encode}: an {@code ObjectWriter} made for the type once, its bytes framed. */
	@Benchmark
	public PreparedMessage writerEncode() {
		return PreparedMessage.textOfUtf8(this.writer.writeValueAsBytes(this.message));
	}

}
