package dev.wsboot.protocol;

import java.util.Arrays;

import dev.wsboot.testsupport.ClientFrame;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.wsboot.protocol.FrameBytes.concat;
import static dev.wsboot.protocol.FrameBytes.hex;
import static dev.wsboot.protocol.FrameBytes.utf8;
import static dev.wsboot.protocol.ProtocolEngineReceivingTests.HEL;
import static dev.wsboot.protocol.ProtocolEngineReceivingTests.LO;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the UTF-8 rule of {@link ProtocolEngine}: RFC 6455 §8.1, checked as the bytes
 * arrive (fail fast), with Autobahn's 6.x cases.
 */
class ProtocolEngineUtf8Tests {

	/** The text of Autobahn 6.2.x. */
	private static final String HELLO_UTF8 = "Hello-µ@ßöäüàá-UTF-8!!";

	/** Autobahn 6.4.x: κόσμε, valid. */
	private static final byte[] PART1 = hex("ce ba e1 bd b9 cf 83 ce bc ce b5");

	/** Autobahn 6.4.x: U+110000 in the UTF-8 scheme, invalid at its second byte. */
	private static final byte[] PART2 = hex("f4 90 80 80");

	/** Autobahn 6.4.x: "edited", valid. */
	private static final byte[] PART3 = hex("65 64 69 74 65 64");

	private final RecordingTransport transport = new RecordingTransport();

	@Nested
	@DisplayName("§8.1 valid text, however it is fragmented")
	class ValidText {

		@Test
		@DisplayName("6.2.1 valid UTF-8 in one fragment")
		void validTextInOneFragmentIsDelivered() {
			receive(ClientFrame.text(HELLO_UTF8).bytes());
			assertThat(transport().texts()).containsExactly(HELLO_UTF8);
		}

		@Test
		@DisplayName("6.2.2 valid UTF-8 in two fragments split on a code point boundary")
		void validTextInTwoFragmentsOnABoundaryIsDelivered() {
			receive(ClientFrame.text("Hello-µ@ßöä").notFinal().bytes(),
					ClientFrame.continuation("üàá-UTF-8!!").bytes());
			assertThat(transport().texts()).containsExactly(HELLO_UTF8);
		}

		@Test
		@DisplayName("6.2.3 valid UTF-8 in fragments of one byte, most ending inside a code point")
		void validTextInOneByteFragmentsIsDelivered() {
			receive(FrameBytes.fragments(Opcode.TEXT, utf8(HELLO_UTF8), utf8(HELLO_UTF8).length));
			assertThat(transport().texts()).containsExactly(HELLO_UTF8);
		}

		@Test
		@DisplayName("6.2.4 κόσμε in fragments of one byte")
		void kosmeInOneByteFragmentsIsDelivered() {
			receive(FrameBytes.fragments(Opcode.TEXT, PART1, PART1.length));
			// Autobahn's ό is U+1F79 (e1 bd b9), not U+03CC.
			assertThat(transport().texts()).containsExactly("κ\u1f79σμε");
		}

		@Test
		void validTextSplitIntoTwoFragmentsAtEveryByteIsDelivered() {
			byte[] text = utf8("a é € 𝄞 😀 κόσμε z");
			for (int split = 0; split <= text.length; split++) {
				RecordingTransport fresh = new RecordingTransport();
				fresh.receive(ClientFrame.text(Arrays.copyOf(text, split)).notFinal().bytes(),
						ClientFrame.continuation(Arrays.copyOfRange(text, split, text.length)).bytes());
				assertThat(fresh.events()).as("split at %d", split).containsExactly("text:a é € 𝄞 😀 κόσμε z");
			}
		}

		@Test
		void oneTextFrameSplitAcrossReadsAtEveryByteIsDelivered() {
			byte[] wire = ClientFrame.text("a é € 𝄞 😀 κόσμε z").bytes();
			for (int split = 1; split < wire.length; split++) {
				RecordingTransport fresh = new RecordingTransport();
				fresh.receive(Arrays.copyOf(wire, split), Arrays.copyOfRange(wire, split, wire.length));
				assertThat(fresh.events()).as("split at %d", split).containsExactly("text:a é € 𝄞 😀 κόσμε z");
			}
		}

		@Test
		void fragmentsSplitAcrossReadsAtEveryPairOfPositionsAreDelivered() {
			byte[] wire = concat(ClientFrame.text(hex("e2 82")).notFinal().bytes(),
					ClientFrame.continuation(hex("ac f0 9f")).notFinal().bytes(),
					ClientFrame.continuation(hex("98 80")).bytes());
			for (int first = 1; first < wire.length; first++) {
				for (int second = first; second < wire.length; second++) {
					RecordingTransport fresh = new RecordingTransport();
					fresh.receive(Arrays.copyOf(wire, first), Arrays.copyOfRange(wire, first, second),
							Arrays.copyOfRange(wire, second, wire.length));
					assertThat(fresh.events()).as("split at %d and %d", first, second).containsExactly("text:€😀");
				}
			}
		}

		@Test
		void binaryMessagesAreNotChecked() {
			receive(ClientFrame.binary(hex("ff fe ed a0 80 c0")).bytes());
			assertThat(transport().events()).containsExactly("binary:ff fe ed a0 80 c0");
		}

		@Test
		void controlPayloadsInsideATextMessageAreNotChecked() {
			receive(HEL, ClientFrame.ping(hex("ff fe")).bytes(), LO);
			assertThat(transport().events()).containsExactly("sent PONG:ff fe", "ping:ff fe", "text:Hello");
		}

		@Test
		void aBinaryMessageEndingInsideACharacterLeavesTheNextTextUnaffected() {
			receive(ClientFrame.binary(hex("e2")).notFinal().bytes(), ClientFrame.continuation(hex("82")).bytes(),
					ClientFrame.text("ok").bytes());
			assertThat(transport().events()).containsExactly("binary:e2 82", "text:ok");
		}

	}

	@Nested
	@DisplayName("§8.1 invalid text fails with 1007 as soon as it is seen")
	class InvalidText {

		@Test
		@DisplayName("6.3.1 invalid UTF-8 in one frame")
		void invalidTextInOneFrameIsInvalidPayload() {
			receive(ClientFrame.text(concat(PART1, hex("ed a0 80"), PART3)).bytes());
			transport().assertFailedWith(CloseCodes.INVALID_PAYLOAD);
			assertThat(transport().texts()).isEmpty();
		}

		@Test
		void invalidTextIsAnsweredWithAClosePayloadStarting03Ef() {
			receive(ClientFrame.text(hex("c0 80")).bytes());
			assertThat(Arrays.copyOf(transport().sent().get(0).payload(), 2)).inHexadecimal().containsExactly(hex("03 ef"));
		}

		@Test
		@DisplayName("6.3.2 invalid UTF-8 in fragments of one byte fails at the fragment with the bad byte")
		void invalidTextInOneByteFragmentsFailsAtTheBadFragment() {
			byte[][] fragments = FrameBytes.fragments(Opcode.TEXT, concat(PART1, hex("ed a0 80"), PART3), 20);
			for (int i = 0; i < 12; i++) {
				receive(fragments[i]);
				assertThat(transport().errors()).as("after fragment %d", i).isEmpty();
			}
			receive(fragments[12]);
			transport().assertFailedWith(CloseCodes.INVALID_PAYLOAD);
		}

		@Test
		@DisplayName("6.4.1 the second of three fragments fails before the third is sent")
		void secondOfThreeFragmentsFailsBeforeTheThird() {
			receive(ClientFrame.text(PART1).notFinal().bytes());
			assertThat(transport().events()).isEmpty();
			receive(ClientFrame.continuation(PART2).notFinal().bytes());
			transport().assertFailedWith(CloseCodes.INVALID_PAYLOAD);
		}

		@Test
		@DisplayName("6.4.2 a second fragment of just the bad byte fails before the third is sent")
		void secondFragmentOfJustTheBadByteFailsBeforeTheThird() {
			byte[] payload = concat(PART1, PART2, PART3);
			receive(ClientFrame.text(Arrays.copyOf(payload, 12)).notFinal().bytes());
			assertThat(transport().events()).isEmpty();
			receive(ClientFrame.continuation(new byte[] { payload[12] }).notFinal().bytes());
			transport().assertFailedWith(CloseCodes.INVALID_PAYLOAD);
		}

		@Test
		@DisplayName("6.4.3 the second of three chops of one frame fails before the frame is complete")
		void secondChopOfOneFrameFailsBeforeTheFrameIsComplete() {
			byte[] wire = ClientFrame.text(concat(PART1, PART2, PART3)).bytes();
			int header = 6;
			receive(Arrays.copyOf(wire, header + PART1.length));
			assertThat(transport().events()).isEmpty();
			receive(Arrays.copyOfRange(wire, header + PART1.length, header + PART1.length + PART2.length));
			transport().assertFailedWith(CloseCodes.INVALID_PAYLOAD);
		}

		@Test
		@DisplayName("6.4.4 a second chop of just the bad byte fails before the frame is complete")
		void secondChopOfJustTheBadByteFailsBeforeTheFrameIsComplete() {
			byte[] wire = ClientFrame.text(concat(PART1, PART2, PART3)).bytes();
			int header = 6;
			receive(Arrays.copyOf(wire, header + 12));
			assertThat(transport().events()).isEmpty();
			receive(Arrays.copyOfRange(wire, header + 12, header + 13));
			transport().assertFailedWith(CloseCodes.INVALID_PAYLOAD);
		}

		@ParameterizedTest(name = "bad byte at {0}")
		@ValueSource(ints = { 0, 1, 7, 8, 9, 15, 16, 17, 30 })
		void invalidByteInAFrameFedOneByteAtATimeFailsWhenThatByteArrives(int position) {
			byte[] payload = utf8("abcdefghijklmnopqrstuvwxyz01234");
			payload[position] = (byte) 0xFF;
			byte[] wire = ClientFrame.text(payload).bytes();
			int badByte = 6 + position;
			for (int i = 0; i < badByte; i++) {
				transport().receive(new byte[] { wire[i] });
			}
			assertThat(transport().errors()).isEmpty();
			transport().receive(new byte[] { wire[badByte] });
			transport().assertFailedWith(CloseCodes.INVALID_PAYLOAD);
		}

		@Test
		void textEndingInsideACharacterIsInvalidPayload() {
			receive(ClientFrame.text(concat(utf8("Hello"), hex("e2 82"))).bytes());
			transport().assertFailedWith(CloseCodes.INVALID_PAYLOAD);
		}

		@Test
		void fragmentedTextEndingInsideACharacterIsInvalidPayload() {
			receive(ClientFrame.text("Hel").notFinal().bytes(),
					ClientFrame.continuation(concat(utf8("lo"), hex("f0 9f"))).bytes());
			transport().assertFailedWith(CloseCodes.INVALID_PAYLOAD);
		}

		@Test
		void aFragmentEndingInsideACharacterIsNotYetAnError() {
			receive(ClientFrame.text(concat(utf8("Hello"), hex("f0 9f"))).notFinal().bytes());
			assertThat(transport().errors()).isEmpty();
		}

		@Test
		void theNextMessageIsCheckedFromAFreshStart() {
			receive(ClientFrame.text("é").bytes(), ClientFrame.text(hex("a9")).bytes());
			assertThat(transport().texts()).containsExactly("é");
			transport().assertFailedWith(CloseCodes.INVALID_PAYLOAD);
		}

	}

	private RecordingTransport transport() {
		return this.transport;
	}

	private RecordingTransport receive(byte[]... chunks) {
		return this.transport.receive(chunks);
	}

}
