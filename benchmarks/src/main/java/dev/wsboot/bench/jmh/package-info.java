/**
 * JMH microbenchmarks of the protocol core (masking, UTF-8 validation, frame decoding and
 * encoding, the opening handshake) and of the JSON codec of typed endpoints. Scores are in
 * ns/op; for payload benchmarks, payload bytes divided by ns/op is the throughput in GB/s.
 */
package dev.wsboot.bench.jmh;
