package dev.wsboot.protocol;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ProtocolException}.
 */
class ProtocolExceptionTests {

	@Test
	void protocolErrorCarries1002() {
		assertThat(ProtocolException.protocolError("x").closeCode()).isEqualTo(CloseCodes.PROTOCOL_ERROR);
	}

	@Test
	void invalidPayloadCarries1007() {
		assertThat(ProtocolException.invalidPayload("x").closeCode()).isEqualTo(CloseCodes.INVALID_PAYLOAD);
	}

	@Test
	void messageTooBigCarries1009() {
		assertThat(ProtocolException.messageTooBig("x").closeCode()).isEqualTo(CloseCodes.MESSAGE_TOO_BIG);
	}

	@Test
	void closeStatusIsTheCodeWithTheMessageAsReason() {
		assertThat(ProtocolException.invalidPayload("Text message is not valid UTF-8").toCloseStatus())
			.isEqualTo(new CloseStatus(1007, "Text message is not valid UTF-8"));
	}

	@Test
	void closeStatusReasonIsCutToFitAControlFrame() {
		ProtocolException ex = ProtocolException.protocolError("€".repeat(100));
		assertThat(ex.toCloseStatus().reason()).isEqualTo("€".repeat(41));
		assertThat(ex.toCloseStatus().toPayload()).hasSize(125);
	}

	@Test
	void noStackTraceIsCapturedForWhatAPeerCanTriggerAtWill() {
		assertThat(ProtocolException.protocolError("x").getStackTrace()).isEmpty();
	}

}
