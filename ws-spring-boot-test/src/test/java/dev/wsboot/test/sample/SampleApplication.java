package dev.wsboot.test.sample;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An application for the test kit's own tests: chat rooms on topics, an echo, a greeting
 * that needs a service, a view of the upgrade request's headers, and an upgrade check that
 * wants a bearer token on {@code /secure}.
 */
@SpringBootApplication
public class SampleApplication {

}
