package dev.wsboot.demo.secure;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The demo's security: the {@link JwtDecoder} that checks the tokens of WebSocket upgrades
 * (wsboot finds it), and an HTTP side on 8080 open to all: the chat page, {@code /ws-info},
 * {@code /api/token} and Actuator need no login.
 */
@Configuration(proxyBeanMethods = false)
class DemoSecurityConfiguration {

	@Bean
	JwtDecoder jwtDecoder(DemoTokens tokens) {
		return tokens.decoder();
	}

	@Bean
	SecurityFilterChain httpSecurity(HttpSecurity http) throws Exception {
		return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll()).build();
	}

}
