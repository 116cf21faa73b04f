package dev.wsboot.test.client;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Frames as they go on the wire, after the byte tables of RFC 6455 §5.7. */
class WsFrameTests {

	private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

	@Test
	void masksWithTheKeyMostSignificantByteFirst() {
		// RFC 6455 §5.7: a single-frame masked text message "Hello".
		assertThat(hex(WsFrame.text("Hello").maskingKey(0x37fa213d))).isEqualTo("81 85 37 fa 21 3d 7f 9f 4d 51 58");
	}

	@Test
	void leavesAnUnmaskedFrameAsItIs() {
		assertThat(hex(WsFrame.text("Hello").unmasked())).isEqualTo("81 05 48 65 6c 6c 6f");
	}

	@Test
	void splitsAMessageIntoFragments() {
		WsFrame[] fragments = WsFrame.fragments("Hello", 3);
		assertThat(fragments).hasSize(2);
		assertThat(hex(fragments[0].unmasked())).isEqualTo("01 03 48 65 6c");
		assertThat(hex(fragments[1].unmasked())).isEqualTo("80 02 6c 6f");
	}

	@Test
	void writesLengthsInTheirShortestFormUnlessTold() {
		assertThat(hex(WsFrame.binary(new byte[256]).unmasked()).substring(0, 11)).isEqualTo("82 7e 01 00");
		assertThat(hex(WsFrame.binary(new byte[65536]).unmasked()).substring(0, 29))
			.isEqualTo("82 7f 00 00 00 00 00 01 00 00");
		assertThat(hex(WsFrame.text("x").unmasked().lengthOctets(2))).isEqualTo("81 7e 00 01 78");
	}

	@Test
	void declaresALengthItsPayloadDoesNotHave() {
		assertThat(hex(WsFrame.binary(new byte[0]).unmasked().declaredLength(-1)))
			.isEqualTo("82 7f ff ff ff ff ff ff ff ff");
	}

	@Test
	void setsReservedBitsAndClearsFin() {
		assertThat(hex(WsFrame.text("").unmasked().rsv(5).notFinal())).isEqualTo("51 00");
	}

	@Test
	void writesTheCloseCodeBeforeTheReason() {
		assertThat(hex(WsFrame.close(1000, "ok").unmasked())).isEqualTo("88 04 03 e8 6f 6b");
		assertThat(hex(WsFrame.close().unmasked())).isEqualTo("88 00");
	}

	@Test
	void keepsItsMaskingKeySoItsBytesStayTheSame() {
		WsFrame frame = WsFrame.text("same");
		assertThat(frame.bytes()).isEqualTo(frame.bytes());
	}

	private static String hex(WsFrame frame) {
		return HEX.formatHex(frame.bytes());
	}

}
