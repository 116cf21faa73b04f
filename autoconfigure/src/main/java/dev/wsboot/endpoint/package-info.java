/**
 * The programming model: {@link dev.wsboot.endpoint.WsEndpoint @WsEndpoint} beans whose
 * annotated methods handle the sessions of one path.
 */
@NullMarked
package dev.wsboot.endpoint;

import org.jspecify.annotations.NullMarked;
