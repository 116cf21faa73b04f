package dev.wsboot.testsupport;

import java.util.HexFormat;

import dev.wsboot.testsupport.ClientFrame.LengthForm;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClientFrame}: the RFC 6455 §5.7 examples byte for byte, and each field a
 * test may set against the rules, on its own.
 */
class ClientFrameTests {

	@Test
	void masksWithTheKeyOfTheRfcExamplesByDefault() {
		assertThat(hex(ClientFrame.text("Hello").bytes())).isEqualTo("81 85 37 fa 21 3d 7f 9f 4d 51 58");
	}

	@Test
	void writesAnUnmaskedFrameWithoutAKey() {
		assertThat(hex(ClientFrame.text("Hello").unmasked().bytes())).isEqualTo("81 05 48 65 6c 6c 6f");
	}

	@Test
	void writesTheRfcFragmentedText() {
		assertThat(hex(ClientFrame.bytes(ClientFrame.fragments(ClientFrame.TEXT, "Hello".getBytes(), 3))))
			.isEqualTo(hex(ClientFrame.text("Hel").notFinal().bytes()) + " "
					+ hex(ClientFrame.continuation("lo").bytes()));
		assertThat(hex(ClientFrame.text("Hel").notFinal().unmasked().bytes())).isEqualTo("01 03 48 65 6c");
		assertThat(hex(ClientFrame.continuation("lo").unmasked().bytes())).isEqualTo("80 02 6c 6f");
	}

	@Test
	void writesTheShortestLengthFormAtEachBoundary() {
		assertThat(hex(ClientFrame.binary(new byte[125]).unmasked().header())).isEqualTo("82 7d");
		assertThat(hex(ClientFrame.binary(new byte[126]).unmasked().header())).isEqualTo("82 7e 00 7e");
		assertThat(hex(ClientFrame.binary(new byte[256]).unmasked().header())).isEqualTo("82 7e 01 00");
		assertThat(hex(ClientFrame.binary(new byte[65535]).unmasked().header())).isEqualTo("82 7e ff ff");
		assertThat(hex(ClientFrame.binary(new byte[65536]).unmasked().header()))
			.isEqualTo("82 7f 00 00 00 00 00 01 00 00");
	}

	@Test
	void writesALengthInALongerFormWhenAsked() {
		assertThat(hex(ClientFrame.text("Hello").unmasked().lengthForm(LengthForm.SIXTY_FOUR_BIT).header()))
			.isEqualTo("81 7f 00 00 00 00 00 00 00 05");
	}

	@Test
	void declaresALengthWithoutItsPayload() {
		ClientFrame header = ClientFrame.binary(new byte[0]).declaredLength(-1);
		assertThat(hex(header.bytes())).isEqualTo("82 ff ff ff ff ff ff ff ff ff 37 fa 21 3d");
		assertThat(header.headerLength()).isEqualTo(14);
	}

	@Test
	void setsRsvBitsAndAnyOpcodeLeavingTheOriginalUnchanged() {
		ClientFrame base = ClientFrame.of(0xB, new byte[0]).unmasked();
		assertThat(hex(base.rsv(4).bytes())).isEqualTo("cb 00");
		assertThat(hex(base.rsv(1).bytes())).isEqualTo("9b 00");
		assertThat(hex(base.bytes())).isEqualTo("8b 00");
	}

	@Test
	void masksWithAChosenKey() {
		ClientFrame frame = ClientFrame.binary(new byte[] { 1, 2, 3, 4, 5 }).maskingKey(0x01020304);
		assertThat(hex(frame.bytes())).isEqualTo("82 85 01 02 03 04 00 00 00 00 04");
		assertThat(ClientFrame.mask(ClientFrame.mask(new byte[] { 9, 8, 7 }, 0xCAFEBABE), 0xCAFEBABE))
			.containsExactly(9, 8, 7);
	}

	@Test
	void writesACloseCodeAndReason() {
		assertThat(hex(ClientFrame.close(1000, "ok").unmasked().bytes())).isEqualTo("88 04 03 e8 6f 6b");
		assertThat(hex(ClientFrame.close().unmasked().bytes())).isEqualTo("88 00");
	}

	@Test
	void cutsAnEmptyMessageIntoOneFinalFrame() {
		assertThat(ClientFrame.fragments(ClientFrame.TEXT, new byte[0], 10)).singleElement()
			.satisfies((frame) -> assertThat(hex(frame.unmasked().bytes())).isEqualTo("81 00"));
	}

	private static String hex(byte[] bytes) {
		return HexFormat.ofDelimiter(" ").formatHex(bytes);
	}

}
