package dev.wsboot.autoconfigure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.wsboot.topic.SlowSubscriberPolicy;
import dev.wsboot.topic.SlowSubscriberPolicy.Action;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link WsTopicsProperties}: the policy each topic gets, bound from
 * {@code application.yml} as an application writes it.
 */
class WsTopicsPropertiesTests {

	@Test
	void everyTopicClosesSubscribersWithAMegabyteWaitingByDefault() {
		WsTopicsProperties properties = new WsTopicsProperties();
		assertThat(properties.policyFor("anything")).isEqualTo(new SlowSubscriberPolicy(Action.CLOSE, 1024 * 1024));
		assertThat(properties.policyFor("anything")).isEqualTo(SlowSubscriberPolicy.DEFAULT);
	}

	@Test
	void bindsPoliciesForPatternsWrittenInBrackets() throws IOException {
		WsTopicsProperties properties = bindYaml("""
				ws:
				  topics:
				    slow-subscriber: close
				    max-buffered: 256KB
				    policies:
				      "[prices.*]":
				        slow-subscriber: drop
				        max-buffered: 64KB
				      "[positions.*]":
				        slow-subscriber: drop
				      "[audit.*]":
				        max-buffered: 8MB
				""");
		assertThat(properties.policyFor("prices.acme")).isEqualTo(new SlowSubscriberPolicy(Action.DROP, 64 * 1024));
		assertThat(properties.policyFor("positions.42"))
			.isEqualTo(new SlowSubscriberPolicy(Action.DROP, 256 * 1024));
		assertThat(properties.policyFor("audit.log"))
			.isEqualTo(new SlowSubscriberPolicy(Action.CLOSE, 8 * 1024 * 1024));
		assertThat(properties.policyFor("chat.lobby")).isEqualTo(new SlowSubscriberPolicy(Action.CLOSE, 256 * 1024));
		assertThat(properties.policyFor("prices")).as("no dot, no match")
			.isEqualTo(new SlowSubscriberPolicy(Action.CLOSE, 256 * 1024));
	}

	@Test
	void theFirstPatternThatMatchesInTheOrderWrittenWins() throws IOException {
		WsTopicsProperties specificFirst = bindYaml("""
				ws.topics.policies:
				  "[prices.index]":
				    slow-subscriber: close
				  "[prices.*]":
				    slow-subscriber: drop
				""");
		assertThat(specificFirst.policyFor("prices.index").action()).isEqualTo(Action.CLOSE);
		assertThat(specificFirst.policyFor("prices.acme").action()).isEqualTo(Action.DROP);
		WsTopicsProperties generalFirst = bindYaml("""
				ws.topics.policies:
				  "[prices.*]":
				    slow-subscriber: drop
				  "[prices.index]":
				    slow-subscriber: close
				""");
		assertThat(generalFirst.policyFor("prices.index").action()).isEqualTo(Action.DROP);
	}

	@Test
	void aStarStandsForAnyCharactersAnywhereInThePattern() {
		WsTopicsProperties properties = new WsTopicsProperties();
		WsTopicsProperties.Policy drop = new WsTopicsProperties.Policy();
		drop.setSlowSubscriber(Action.DROP);
		properties.getPolicies().put("*.ticks", drop);
		assertThat(properties.policyFor("acme.ticks").action()).isEqualTo(Action.DROP);
		assertThat(properties.policyFor("acme.ticks.daily").action()).isEqualTo(Action.CLOSE);
	}

	@Test
	void refusesAMaxBufferedOfNothing() {
		assertThatExceptionOfType(BindException.class).isThrownBy(() -> bindYaml("ws.topics.max-buffered: 0B"));
		assertThatExceptionOfType(BindException.class).isThrownBy(() -> bindYaml("""
				ws.topics.policies:
				  "[prices.*]":
				    max-buffered: 0B
				"""));
	}

	private static WsTopicsProperties bindYaml(String yaml) throws IOException {
		List<PropertySource<?>> sources = new YamlPropertySourceLoader().load("application.yml",
				new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)));
		Binder binder = new Binder(ConfigurationPropertySources.from(sources));
		return binder.bindOrCreate("ws.topics", WsTopicsProperties.class);
	}

}
