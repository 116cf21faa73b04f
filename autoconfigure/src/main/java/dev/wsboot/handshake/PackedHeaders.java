package dev.wsboot.handshake;

/**
 * Request headers kept as long as a connection lives, as nothing but one array of bytes:
 * what a server holds per session, read back as {@link HttpHeaders} only when asked for.
 * {@link HttpHeaders#compact} keeps the same bytes behind a headers object; this keeps
 * the bytes alone, for the many connections that are never asked.
 */
public final class PackedHeaders {

	private PackedHeaders() {
	}

	/**
	 * The fields of {@code headers} in their compact form.
	 * @param without names of fields to leave out, compared ignoring case
	 */
	public static byte[] pack(HttpHeaders headers, String... without) {
		return headers.packed(without);
	}

	/** Read-only headers over {@code packed}, which must come from {@link #pack}; not copied. */
	public static HttpHeaders read(byte[] packed) {
		return HttpHeaders.ofPacked(packed);
	}

}
