/**
 * The opening handshake of RFC 6455 §4.2: parsing the HTTP/1.1 upgrade request, deciding on it
 * and rendering the answer, all free of sockets, threads and Spring.
 */
@NullMarked
package dev.wsboot.handshake;

import org.jspecify.annotations.NullMarked;
