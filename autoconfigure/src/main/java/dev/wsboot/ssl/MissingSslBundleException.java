package dev.wsboot.ssl;

import java.util.List;

import dev.wsboot.server.WsServerException;
import org.jspecify.annotations.Nullable;

/**
 * TLS is enabled for the WebSocket server, but {@code ws.ssl.bundle} names no SSL bundle
 * that exists, or none at all.
 */
public class MissingSslBundleException extends WsServerException {

	private final @Nullable String bundleName;

	private final List<String> availableBundles;

	/**
	 * @param bundleName the name asked for, or {@code null} when none was
	 * @param availableBundles the names of the bundles that exist
	 */
	public MissingSslBundleException(@Nullable String bundleName, List<String> availableBundles) {
		super((bundleName != null) ? "SSL bundle '" + bundleName + "' named by ws.ssl.bundle does not exist"
				: "ws.ssl.enabled is true but ws.ssl.bundle names no SSL bundle");
		this.bundleName = bundleName;
		this.availableBundles = List.copyOf(availableBundles);
	}

	/** The name {@code ws.ssl.bundle} gave, or {@code null} when it is not set. */
	public @Nullable String bundleName() {
		return this.bundleName;
	}

	/** The names of the bundles the application has. */
	public List<String> availableBundles() {
		return this.availableBundles;
	}

}
