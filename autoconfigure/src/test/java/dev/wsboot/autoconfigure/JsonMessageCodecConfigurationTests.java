package dev.wsboot.autoconfigure;

import java.nio.charset.StandardCharsets;

import dev.wsboot.endpoint.WsEndpointRegistry;
import dev.wsboot.endpoint.WsMessageCodec;
import dev.wsboot.endpoint.json.JacksonMessageCodec;
import dev.wsboot.server.PreparedMessage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.ResolvableType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WsAutoConfiguration.JsonMessageCodecConfiguration}: JSON messages with the
 * application's own {@link JsonMapper}, asked after the application's codecs.
 */
class JsonMessageCodecConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WsAutoConfiguration.class, JacksonAutoConfiguration.class))
		.withPropertyValues("ws.port=0");

	@Test
	void readsAndWritesJsonWithTheApplicationsJsonMapper() {
		this.contextRunner.withPropertyValues("spring.jackson.property-naming-strategy=SNAKE_CASE").run((context) -> {
			assertThat(context).hasSingleBean(JacksonMessageCodec.class);
			JacksonMessageCodec codec = context.getBean(JacksonMessageCodec.class);
			assertThat(text(codec.encode(new Login("ada")))).isEqualTo("{\"user_name\":\"ada\"}");
			assertThat(codec.decode("{\"user_name\":\"bob\"}", ResolvableType.forClass(Login.class)))
				.isEqualTo(new Login("bob"));
		});
	}

	@Test
	void makesNoJsonCodecWithoutAJsonMapper() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(WsAutoConfiguration.class))
			.withPropertyValues("ws.port=0")
			.run((context) -> assertThat(context).doesNotHaveBean(JacksonMessageCodec.class));
	}

	@Test
	void backsOffWhenTheApplicationDefinesItsOwnJsonCodec() {
		this.contextRunner
			.withBean("ownCodec", JacksonMessageCodec.class, () -> new JacksonMessageCodec(JsonMapper.shared()))
			.run((context) -> {
				assertThat(context).hasSingleBean(JacksonMessageCodec.class);
				assertThat(context).hasBean("ownCodec");
			});
	}

	@Test
	void asksTheApplicationsCodecsBeforeJson() {
		this.contextRunner.withBean(LoginCodec.class, LoginCodec::new).run((context) -> {
			PreparedMessage message = context.getBean(WsEndpointRegistry.class)
				.getMessageEncoder()
				.encode(new Login("ada"));
			assertThat(text(message)).isEqualTo("login:ada");
		});
	}

	private static String text(PreparedMessage message) {
		return new String(message.payload(), StandardCharsets.UTF_8);
	}

	record Login(String userName) {
	}

	/** Writes logins as {@code login:name}, and reads them back. */
	static class LoginCodec implements WsMessageCodec {

		@Override
		public boolean canDecode(ResolvableType type, Format format) {
			return type.toClass() == Login.class && format == Format.TEXT;
		}

		@Override
		public Object decode(Object message, ResolvableType type) {
			return new Login(((String) message).substring("login:".length()));
		}

		@Override
		public boolean canEncode(Class<?> type) {
			return type == Login.class;
		}

		@Override
		public PreparedMessage encode(Object value) {
			return PreparedMessage.text("login:" + ((Login) value).userName());
		}

	}

}
