package dev.wsboot.test.topic;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import dev.wsboot.server.WsSession;
import dev.wsboot.topic.WsTopics;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.util.ClassUtils;

/**
 * Records each publish of the application's {@link WsTopics} bean in {@link WsPublishes}, by
 * wrapping the bean in a proxy that passes every call on. The proxy is of the bean's class
 * where it can be, so that a {@code DefaultWsTopics} stays one for the server's wiring;
 * methods added to {@code WsTopics} later pass through unchanged.
 *
 * <p>Infrastructure of the test kit's auto-configuration, public only for it.
 */
public final class PublishRecordingPostProcessor implements BeanPostProcessor {

	private final Supplier<WsPublishes> publishes;

	/** Records in the {@link WsPublishes} this supplies, asked at the first publish. */
	public PublishRecordingPostProcessor(Supplier<WsPublishes> publishes) {
		this.publishes = publishes;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!(bean instanceof WsTopics) || AopUtils.isAopProxy(bean)) {
			return bean;
		}
		ProxyFactory factory = new ProxyFactory(bean);
		boolean finalClass = Modifier.isFinal(bean.getClass().getModifiers());
		factory.setProxyTargetClass(!finalClass);
		if (finalClass) {
			factory.setInterfaces(ClassUtils.getAllInterfaces(bean));
		}
		factory.addAdvice(new Recorder(this.publishes));
		return factory.getProxy(ClassUtils.getDefaultClassLoader());
	}

	/** Records {@code publish} and {@code publishExcept} once they returned. */
	private record Recorder(Supplier<WsPublishes> publishes) implements MethodInterceptor {

		@Override
		public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
			String name = invocation.getMethod().getName();
			Object[] arguments = invocation.getArguments();
			boolean publish = name.equals("publish") && arguments.length == 2;
			boolean publishExcept = name.equals("publishExcept") && arguments.length == 3;
			if (!(publish || publishExcept) || !(arguments[0] instanceof String topic)) {
				return invocation.proceed();
			}
			WsTopics topics = (WsTopics) invocation.getThis();
			@Nullable WsSession excluded = publishExcept ? (WsSession) arguments[2] : null;
			List<WsSession> recipients = new ArrayList<>((topics != null) ? topics.subscribers(topic) : List.of());
			recipients.remove(excluded);
			Object queued = invocation.proceed();
			this.publishes.get()
				.record(new WsPublish(topic, arguments[1], List.copyOf(recipients), excluded,
						(queued instanceof Integer count) ? count : -1));
			return queued;
		}

	}

}
