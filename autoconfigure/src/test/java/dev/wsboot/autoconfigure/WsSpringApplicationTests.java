package dev.wsboot.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import dev.wsboot.endpoint.OnMessage;
import dev.wsboot.endpoint.WsEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatRuntimeException;

/**
 * Tests of what {@code META-INF/spring.factories} registers, through a real
 * {@link SpringApplication}: the port initializer and the failure analyzers.
 */
@ExtendWith(OutputCaptureExtension.class)
class WsSpringApplicationTests {

	@Test
	void publishesLocalPortOfServerStartedOnFreePort() {
		try (ConfigurableApplicationContext context = run(EchoApplication.class)) {
			assertThat(context.getEnvironment().getProperty("local.ws.server.port", Integer.class)).isPositive();
		}
	}

	@Test
	void reportsInvalidEndpointAsApplicationFailedToStart(CapturedOutput output) {
		assertThatRuntimeException().isThrownBy(() -> run(InvalidEndpointApplication.class));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("@OnMessage method " + InvalidEndpoint.class.getName()
					+ ".onMessage(Object) takes a java.lang.Object, which no message codec reads.")
			.contains("Take String or CharSequence for text, byte[] or ByteBuffer for binary");
	}

	@Test
	void reportsANullAllowedOriginAsApplicationFailedToStart(CapturedOutput output) {
		assertThatRuntimeException()
			.isThrownBy(() -> run(EchoApplication.class, "--ws.allowed-origins=https://app.example.com,null"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid value 'https://app.example.com,null' for configuration property 'ws.allowed-origins'")
			.contains("browsers send 'Origin: null' from sandboxed iframes and data: URLs");
	}

	private static ConfigurableApplicationContext run(Class<?> application, String... args) {
		SpringApplication springApplication = new SpringApplication(application);
		springApplication.setWebApplicationType(WebApplicationType.NONE);
		List<String> allArgs = new ArrayList<>(List.of("--ws.port=0", "--ws.shutdown-timeout=1s"));
		allArgs.addAll(List.of(args));
		return springApplication.run(allArgs.toArray(String[]::new));
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(WsAutoConfiguration.class)
	@Import(EchoEndpoint.class)
	static class EchoApplication {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(WsAutoConfiguration.class)
	@Import(InvalidEndpoint.class)
	static class InvalidEndpointApplication {

	}

	@WsEndpoint("/echo")
	static class EchoEndpoint {

		@OnMessage
		String echo(String text) {
			return text;
		}

	}

	@WsEndpoint("/invalid")
	static class InvalidEndpoint {

		@OnMessage
		void onMessage(Object message) {
		}

	}

}
