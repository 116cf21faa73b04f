/**
 * JSON messages for {@link dev.wsboot.endpoint.WsEndpoint @WsEndpoint} methods, with the
 * application's Jackson mapper.
 */
@NullMarked
package dev.wsboot.endpoint.json;

import org.jspecify.annotations.NullMarked;
