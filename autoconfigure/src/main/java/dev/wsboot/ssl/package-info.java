/**
 * TLS for the WebSocket server from Spring Boot's SSL bundles: the engine factory an
 * application may replace, and the bundle's engines, rebuilt when the bundle is reloaded.
 */
@NullMarked
package dev.wsboot.ssl;

import org.jspecify.annotations.NullMarked;
