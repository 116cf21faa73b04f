package dev.wsboot.endpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.UndeclaredThrowableException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.wsboot.protocol.CloseCodes;
import dev.wsboot.protocol.CloseStatus;
import dev.wsboot.server.WsServerObserver;
import dev.wsboot.server.WsSession;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.aop.framework.ProxyFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link WsEndpointHandler}: how annotated methods are called, without a server.
 */
class WsEndpointHandlerTests {

	private final FakeWsSession session = new FakeWsSession();

	@Test
	void callsOpenMessageAndCloseMethodsWithParametersInAnyOrder() {
		RecordingEndpoint endpoint = new RecordingEndpoint();
		WsEndpointHandler handler = TestEndpoints.handler(endpoint);
		handler.onOpen(this.session);
		handler.onText(this.session, "hello");
		handler.onBinary(this.session, new byte[] { 1, 2 });
		handler.onClose(this.session, CloseStatus.GOING_AWAY);
		assertThat(endpoint.calls).containsExactly("open fake-1", "text hello fake-1", "binary 2 fake-1",
				"close 1001 fake-1");
	}

	@Test
	void sendsBackTextReturnedByMessageMethod() {
		TestEndpoints.handler(new EchoEndpoint()).onText(this.session, "ping");
		assertThat(this.session.sent()).containsExactly("echo: ping");
	}

	@Test
	void sendsBackBytesReturnedByMessageMethod() {
		TestEndpoints.handler(new EchoEndpoint()).onBinary(this.session, new byte[] { 7 });
		assertThat(this.session.sent()).containsExactly(new byte[] { 7, 7 });
	}

	@Test
	void sendsBackByteBufferReturnedByMessageMethod() {
		TestEndpoints.handler(new BufferEndpoint()).onBinary(this.session, "abc".getBytes(StandardCharsets.UTF_8));
		assertThat(this.session.sent()).containsExactly("abc".getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void sendsNothingWhenMessageMethodReturnsNull() {
		TestEndpoints.handler(new EchoEndpoint()).onText(this.session, "quiet");
		assertThat(this.session.sent()).isEmpty();
	}

	@Test
	void passesBinaryMessageAsReadOnlyByteBuffer() {
		BufferEndpoint endpoint = new BufferEndpoint();
		TestEndpoints.handler(endpoint).onBinary(this.session, new byte[] { 1, 2, 3 });
		assertThat(endpoint.received).isNotNull();
		assertThat(endpoint.received.isReadOnly()).isTrue();
		assertThat(endpoint.received.remaining()).isEqualTo(3);
	}

	@Test
	void closesWithUnsupportedDataWhenNoMethodTakesTextMessages() {
		TestEndpoints.handler(new BufferEndpoint()).onText(this.session, "text");
		assertThat(this.session.closeStatus()).isNotNull();
		assertThat(this.session.closeStatus().code()).isEqualTo(CloseCodes.UNSUPPORTED_DATA);
	}

	@Test
	void closesWithUnsupportedDataWhenNoMethodTakesBinaryMessages() {
		TestEndpoints.handler(new TextOnlyEndpoint()).onBinary(this.session, new byte[0]);
		assertThat(this.session.closeStatus()).isNotNull();
		assertThat(this.session.closeStatus().code()).isEqualTo(CloseCodes.UNSUPPORTED_DATA);
	}

	@Test
	void ignoresEventsTheEndpointHasNoMethodFor() {
		WsEndpointHandler handler = TestEndpoints.handler(new TextOnlyEndpoint());
		handler.onOpen(this.session);
		handler.onClose(this.session, CloseStatus.NORMAL);
		handler.onError(this.session, new IllegalStateException());
		assertThat(this.session.sent()).isEmpty();
	}

	@Test
	void propagatesUncheckedExceptionFromMessageMethod() {
		WsEndpointHandler handler = TestEndpoints.handler(new FailingEndpoint());
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> handler.onText(this.session, "boom"))
			.withMessage("boom");
	}

	@Test
	void propagatesCheckedExceptionFromMessageMethodWrapped() {
		WsEndpointHandler handler = TestEndpoints.handler(new FailingEndpoint());
		assertThatExceptionOfType(UndeclaredThrowableException.class)
			.isThrownBy(() -> handler.onBinary(this.session, new byte[0]))
			.withCauseInstanceOf(IOException.class);
	}

	@Test
	void givesErrorMethodTheCheckedExceptionItself() {
		FailingEndpoint endpoint = new FailingEndpoint();
		WsEndpointHandler handler = TestEndpoints.handler(endpoint);
		handler.onError(this.session, new UndeclaredThrowableException(new IOException("disk")));
		assertThat(endpoint.errors).containsExactly("io disk");
	}

	@Test
	void callsErrorMethodOfClosestExceptionType() {
		FailingEndpoint endpoint = new FailingEndpoint();
		WsEndpointHandler handler = TestEndpoints.handler(endpoint);
		handler.onError(this.session, new IllegalStateException("state"));
		handler.onError(this.session, new IllegalArgumentException("argument"));
		handler.onError(this.session, new UncheckedIOException(new IOException("unchecked")));
		assertThat(endpoint.errors).containsExactly("state state", "runtime argument",
				"runtime java.io.IOException: unchecked");
	}

	@Test
	void callsNoErrorMethodWhenNoneTakesTheException() {
		FailingEndpoint endpoint = new FailingEndpoint();
		TestEndpoints.handler(endpoint).onError(this.session, new AssertionError("not an exception"));
		assertThat(endpoint.errors).isEmpty();
	}

	@Test
	void onlyLogsExceptionFromErrorMethod() {
		WsEndpointHandler handler = TestEndpoints.handler(new FailingErrorMethodEndpoint());
		assertThatNoException().isThrownBy(() -> handler.onError(this.session, new IllegalStateException()));
	}

	@Test
	void callsMethodsOfClassProxy() {
		RecordingEndpoint target = new RecordingEndpoint();
		ProxyFactory proxyFactory = new ProxyFactory(target);
		proxyFactory.setProxyTargetClass(true);
		List<String> advised = new ArrayList<>();
		proxyFactory.addAdvice((org.aopalliance.intercept.MethodInterceptor) (invocation) -> {
			advised.add(invocation.getMethod().getName());
			return invocation.proceed();
		});
		WsEndpointHandler handler = TestEndpoints.handler(proxyFactory.getProxy());
		handler.onText(this.session, "hi");
		assertThat(target.calls).containsExactly("text hi fake-1");
		assertThat(advised).containsExactly("text");
	}

	@Test
	void callsMethodsOfInterfaceProxy() {
		GreetingEndpoint target = new GreetingEndpoint();
		ProxyFactory proxyFactory = new ProxyFactory(target);
		proxyFactory.addInterface(Greeter.class);
		Object proxy = proxyFactory.getProxy();
		assertThat(proxy).isNotInstanceOf(GreetingEndpoint.class);
		TestEndpoints.handler(proxy).onText(this.session, "Ada");
		assertThat(this.session.sent()).containsExactly("Hello, Ada");
	}

	@Test
	void rejectsPrivateMethodOfClassProxy() {
		ProxyFactory proxyFactory = new ProxyFactory(new PrivateMethodEndpoint());
		proxyFactory.setProxyTargetClass(true);
		Object proxy = proxyFactory.getProxy();
		WsEndpointHandler handler = TestEndpoints.handler(proxy);
		assertThatExceptionOfType(WsEndpointDefinitionException.class).isThrownBy(handler::resolve)
			.withMessageContaining("onMessage")
			.satisfies((ex) -> assertThat(ex.getAction()).contains("package-private"));
	}

	@Test
	void obtainsEndpointBeanOnFirstUse() {
		List<String> created = new ArrayList<>();
		WsEndpointHandler handler = new WsEndpointHandler(TestEndpoints.definition(EchoEndpoint.class), () -> {
			created.add("echo");
			return new EchoEndpoint();
		}, () -> WsServerObserver.NONE);
		assertThat(created).isEmpty();
		handler.onText(this.session, "one");
		handler.onText(this.session, "two");
		assertThat(created).containsExactly("echo");
		assertThat(this.session.sent()).containsExactly("echo: one", "echo: two");
	}

	static class RecordingEndpoint {

		final List<String> calls = new ArrayList<>();

		@OnOpen
		void open(WsSession session) {
			this.calls.add("open " + session.id());
		}

		@OnMessage
		public void text(String text, WsSession session) {
			this.calls.add("text " + text + " " + session.id());
		}

		@OnMessage
		void binary(WsSession session, byte[] data) {
			this.calls.add("binary " + data.length + " " + session.id());
		}

		@OnClose
		void close(CloseStatus status, WsSession session) {
			this.calls.add("close " + status.code() + " " + session.id());
		}

	}

	static class EchoEndpoint {

		@OnMessage
		@Nullable String echo(CharSequence text) {
			return "quiet".contentEquals(text) ? null : "echo: " + text;
		}

		@OnMessage
		byte[] twice(byte[] data) {
			byte[] result = new byte[data.length * 2];
			System.arraycopy(data, 0, result, 0, data.length);
			System.arraycopy(data, 0, result, data.length, data.length);
			return result;
		}

	}

	static class BufferEndpoint {

		@Nullable ByteBuffer received;

		@OnMessage
		ByteBuffer binary(ByteBuffer data) {
			this.received = data;
			return data.duplicate();
		}

	}

	static class TextOnlyEndpoint {

		@OnMessage
		void text(String text) {
		}

	}

	static class FailingEndpoint {

		final List<String> errors = new ArrayList<>();

		@OnMessage
		void text(String text) {
			throw new IllegalStateException(text);
		}

		@OnMessage
		void binary(byte[] data) throws IOException {
			throw new IOException("disk");
		}

		@OnError
		void onRuntime(RuntimeException ex) {
			this.errors.add("runtime " + ex.getMessage());
		}

		@OnError
		void onState(WsSession session, IllegalStateException ex) {
			this.errors.add("state " + ex.getMessage());
		}

		@OnError
		void onIo(IOException ex, WsSession session) {
			this.errors.add("io " + ex.getMessage());
		}

	}

	static class FailingErrorMethodEndpoint {

		@OnError
		void onError(Throwable ex) {
			throw new IllegalStateException("error method failed");
		}

	}

	interface Greeter {

		String greet(String name);

	}

	static class GreetingEndpoint implements Greeter {

		@Override
		@OnMessage
		public String greet(String name) {
			return "Hello, " + name;
		}

	}

	static class PrivateMethodEndpoint {

		@OnMessage
		private void onMessage(String text) {
		}

	}

}
