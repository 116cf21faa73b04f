package dev.wsboot.testsupport;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ServerFrameReader}: what a server may send is read, and each thing RFC
 * 6455 forbids a server to send fails the test, saying what it was.
 */
class ServerFrameReaderTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	@Test
	void readsTheRfcExamplesOfServerFrames() throws IOException {
		ServerFrameReader reader = reader("81 05 48 65 6c 6c 6f", "01 03 48 65 6c", "80 02 6c 6f", "89 05 48 65 6c 6c 6f",
				"8a 00", "88 02 03 e8");
		assertThat(reader.next(TIMEOUT)).isEqualTo(new ServerFrame(true, ClientFrame.TEXT, bytes("48 65 6c 6c 6f")));
		assertThat(reader.next(TIMEOUT)).isEqualTo(new ServerFrame(false, ClientFrame.TEXT, bytes("48 65 6c")));
		assertThat(reader.next(TIMEOUT).opcode()).isEqualTo(ClientFrame.CONTINUATION);
		assertThat(reader.next(TIMEOUT).isPing()).isTrue();
		assertThat(reader.next(TIMEOUT).opcode()).isEqualTo(ClientFrame.PONG);
		assertThat(reader.next(TIMEOUT).closeCode()).isEqualTo(1000);
	}

	@Test
	void readsTheShortestLengthFormsAtTheirBoundaries() throws IOException {
		ServerFrameReader reader = new ServerFrameReader(new ByteArrayInputStream(ClientFrame.bytes(
				ClientFrame.binary(new byte[125]).unmasked(), ClientFrame.binary(new byte[126]).unmasked(),
				ClientFrame.binary(new byte[65535]).unmasked(), ClientFrame.binary(new byte[65536]).unmasked())));
		assertThat(reader.next(TIMEOUT).payload()).hasSize(125);
		assertThat(reader.next(TIMEOUT).payload()).hasSize(126);
		assertThat(reader.next(TIMEOUT).payload()).hasSize(65535);
		assertThat(reader.next(TIMEOUT).payload()).hasSize(65536);
	}

	@Test
	void readsAControlFrameBetweenFragmentsAndAnyRegisteredOrPrivateCloseCode() throws IOException {
		ServerFrameReader reader = reader("01 01 61", "89 00", "80 01 62", "88 02 0f a0");
		reader.next(TIMEOUT);
		reader.next(TIMEOUT);
		assertThat(reader.next(TIMEOUT).fin()).isTrue();
		assertThat(reader.next(TIMEOUT).closeCode()).isEqualTo(4000);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			a masked frame                         | 81 85 37 fa 21 3d 7f 9f 4d 51 58 | masked frame
			RSV1                                   | c1 00                            | RSV bits
			RSV2                                   | a1 00                            | RSV bits
			RSV3                                   | 91 00                            | RSV bits
			reserved data opcode 0x3               | 83 00                            | reserved opcode 0x3
			reserved data opcode 0x7               | 87 00                            | reserved opcode 0x7
			reserved control opcode 0xB            | 8b 00                            | reserved opcode 0xb
			reserved control opcode 0xF            | 8f 00                            | reserved opcode 0xf
			5 bytes in the 16-bit form             | 81 7e 00 05 48 65 6c 6c 6f       | not the shortest form
			125 bytes in the 16-bit form           | 82 7e 00 7d                      | not the shortest form
			65535 bytes in the 64-bit form         | 82 7f 00 00 00 00 00 00 ff ff    | not the shortest form
			a 64-bit length with the MSB set       | 82 7f 80 00 00 00 00 00 00 00    | most significant bit
			a ping of 126 bytes                    | 89 7e 00 7e                      | control frame of 126 bytes
			a fragmented ping                      | 09 00                            | fragmented control frame
			a fragmented close                     | 08 02 03 e8                      | fragmented control frame
			a close with a one-byte payload        | 88 01 03                         | one-byte payload
			close code 999                         | 88 02 03 e7                      | close code 999
			close code 1004                        | 88 02 03 ec                      | close code 1004
			close code 1005                        | 88 02 03 ed                      | close code 1005
			close code 1006                        | 88 02 03 ee                      | close code 1006
			close code 1015                        | 88 02 03 f7                      | close code 1015
			close code 2999                        | 88 02 0b b7                      | close code 2999
			close code 5000                        | 88 02 13 88                      | close code 5000
			a close reason that is not UTF-8       | 88 04 03 e8 c0 af                | close reason that is not UTF-8
			a text message that is not UTF-8       | 81 02 c0 af                      | text message that is not UTF-8
			a continuation with nothing open       | 80 01 61                         | continuation frame with no message
			""")
	void rejects(String what, String frame, String violation) {
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> reader(frame).next(TIMEOUT))
			.withMessageStartingWith("The server sent")
			.withMessageContaining(violation);
	}

	@Test
	void rejectsTextThatIsNotUtf8AcrossFragmentsAtTheEndOfTheMessage() throws IOException {
		ServerFrameReader reader = reader("01 02 68 e2", "80 01 28");
		reader.next(TIMEOUT);
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> reader.next(TIMEOUT))
			.withMessageContaining("text message that is not UTF-8");
	}

	@Test
	void acceptsACodePointSplitAcrossFragments() throws IOException {
		ServerFrameReader reader = reader("01 02 68 e2", "80 02 82 ac");
		reader.next(TIMEOUT);
		assertThat(reader.next(TIMEOUT).fin()).isTrue();
	}

	@Test
	void rejectsANewMessageBeforeTheFragmentedOneEnded() throws IOException {
		ServerFrameReader reader = reader("01 01 61", "82 00");
		reader.next(TIMEOUT);
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> reader.next(TIMEOUT))
			.withMessageContaining("new data frame before the fragmented message ended");
	}

	@Test
	void rejectsADataFrameAfterTheCloseFrame() throws IOException {
		ServerFrameReader reader = reader("88 02 03 e8", "81 00");
		reader.next(TIMEOUT);
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> reader.next(TIMEOUT))
			.withMessageContaining("data frame after the close frame");
	}

	@Test
	void saysWhatArrivedWhenTheConnectionEndsInsideAFrame() {
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> reader("81 7e 01").next(TIMEOUT))
			.withMessage("Expected the rest of a frame, but the server closed the connection after [81 7e 01]");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> reader("82 03 01").next(TIMEOUT))
			.withMessage("Expected a payload of 3 bytes after the header [82 03], "
					+ "but the server closed the connection after 1");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> reader("").next(TIMEOUT))
			.withMessage("Expected a frame, but the server closed the connection");
	}

	@Test
	void saysWhatArrivedWhenTheServerStopsSending() {
		InputStream stalling = new SequenceInputStream(new ByteArrayInputStream(bytes("81 05 48")), new InputStream() {
			@Override
			public int read() throws IOException {
				throw new SocketTimeoutException("Read timed out");
			}
		});
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> new ServerFrameReader(stalling).next(Duration.ofMillis(250)))
			.withMessage("Expected a payload of 5 bytes after the header [81 05], "
					+ "but the server sent no more within 250 ms");
	}

	private static ServerFrameReader reader(String... frames) {
		return new ServerFrameReader(new ByteArrayInputStream(bytes(String.join(" ", frames))));
	}

	private static byte[] bytes(String hex) {
		return HexFormat.of().parseHex(hex.replace(" ", ""));
	}

}
