package dev.wsboot.test.autoconfigure;

import dev.wsboot.test.client.WsTestClient;
import dev.wsboot.test.topic.WsPublishes;

import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Gives each test method a clean slate in a shared application context: the publishes
 * recorded before it are forgotten, and the sessions it opened with the
 * {@link WsTestClient} are closed after it, so that no test has to, and none sees another's.
 * Sessions opened before the method, such as in a {@code @BeforeAll} method, stay open.
 */
public class WsTestExecutionListener extends AbstractTestExecutionListener {

	private static final String MARK = WsTestExecutionListener.class.getName() + ".mark";

	/** After the listeners that inject the test instance's fields. */
	@Override
	public int getOrder() {
		return 5000;
	}

	@Override
	public void beforeTestMethod(TestContext testContext) {
		if (!testContext.hasApplicationContext()) {
			return;
		}
		ApplicationContext context = testContext.getApplicationContext();
		context.getBeanProvider(WsPublishes.class).ifAvailable(WsPublishes::clear);
		context.getBeanProvider(WsTestClient.class)
			.ifAvailable((client) -> testContext.setAttribute(MARK, client.mark()));
	}

	@Override
	public void afterTestMethod(TestContext testContext) {
		Object mark = testContext.removeAttribute(MARK);
		if (mark == null || !testContext.hasApplicationContext()) {
			return;
		}
		testContext.getApplicationContext()
			.getBeanProvider(WsTestClient.class)
			.ifAvailable((client) -> client.closeSessionsOpenedSince((Long) mark));
	}

}
