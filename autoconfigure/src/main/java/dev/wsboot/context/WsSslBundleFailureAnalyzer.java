package dev.wsboot.context;

import dev.wsboot.ssl.MissingSslBundleException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link MissingSslBundleException}: which bundle was asked for, which exist,
 * and how to configure one.
 */
class WsSslBundleFailureAnalyzer extends AbstractFailureAnalyzer<MissingSslBundleException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MissingSslBundleException cause) {
		String name = cause.bundleName();
		String description = "WebSocket server failed to start. "
				+ ((name != null) ? "The SSL bundle '" + name + "' named by 'ws.ssl.bundle' does not exist."
						: "'ws.ssl.enabled' is true but 'ws.ssl.bundle' is not set.")
				+ (cause.availableBundles().isEmpty() ? " The application has no SSL bundle."
						: " The SSL bundles that exist are: " + String.join(", ", cause.availableBundles()) + ".");
		String bundle = (name != null) ? name : "<name>";
		String action = "Set 'ws.ssl.bundle' to the name of an SSL bundle"
				+ (cause.availableBundles().isEmpty() ? "" : " that exists") + ", or configure one under 'spring.ssl.bundle.pem."
				+ bundle + "' or 'spring.ssl.bundle.jks." + bundle + "'; or set 'ws.ssl.enabled' to false.";
		return new FailureAnalysis(description, action, cause);
	}

}
