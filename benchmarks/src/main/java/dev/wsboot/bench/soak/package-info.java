/**
 * A soak test run by hand: a server in-process on loopback, a hostile mix of clients
 * against it for minutes, and one JSON line saying whether good clients were served and
 * everything was released. See {@link dev.wsboot.bench.soak.SoakTest}.
 */
package dev.wsboot.bench.soak;
