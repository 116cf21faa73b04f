package dev.wsboot.handshake;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class UpgradeTargetTests {

	@Test
	void keepsACopyOfTheSubprotocols() {
		List<String> subprotocols = new ArrayList<>(List.of("chat"));
		UpgradeTarget target = new UpgradeTarget("/chat", subprotocols);
		subprotocols.add("superchat");
		assertThat(target.subprotocols()).containsExactly("chat");
	}

	@ParameterizedTest(name = "''{0}''")
	@ValueSource(strings = { "", "chat room", "chat,superchat", "v1;q=1", "caf\u00e9" })
	void rejectsASubprotocolThatIsNotAToken(String subprotocol) {
		assertThatIllegalArgumentException().isThrownBy(() -> new UpgradeTarget("/chat", List.of(subprotocol)));
	}

}
