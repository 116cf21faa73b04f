package dev.wsboot.handshake;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

import org.jspecify.annotations.Nullable;

/**
 * HTTP header fields of a {@link HandshakeRequest} or {@link HandshakeResponse}: names compared
 * ignoring case, several values per name, everything kept in the order it was added.
 *
 * <p>Instances from {@link #of}, and those held by requests, responses and exceptions of this
 * package, are read-only; {@link #add} on them throws {@link UnsupportedOperationException}.
 */
public final class HttpHeaders {

	private static final String[] NONE = new String[0];

	/**
	 * Names and values alternating, in arrival order. One array and the strings themselves:
	 * a connection keeps its handshake headers for as long as it lives, so they are stored
	 * compactly, and looked up by a scan, which for a few dozen headers is as fast as a map.
	 */
	private String[] entries;

	/**
	 * The same, packed into one array when these headers are kept for a long time
	 * ({@link #compact()}), as {@link PackedFields} describes. {@link #entries} is then empty,
	 * and read on demand from here.
	 */
	private byte @Nullable [] packed;

	private int count;

	private final boolean readOnly;

	public HttpHeaders() {
		this.entries = NONE;
		this.readOnly = false;
	}

	private HttpHeaders(HttpHeaders source, boolean readOnly) {
		this.entries = Arrays.copyOf(source.entries(), source.count * 2);
		this.count = source.count;
		this.readOnly = readOnly;
	}

	private HttpHeaders(byte[] packed, int count) {
		this.entries = NONE;
		this.packed = packed;
		this.count = count;
		this.readOnly = true;
	}

	/**
	 * Read-only headers equal to these, in a compact form for headers kept as long as a
	 * connection lives: one array of bytes rather than a string per name and value. Reading
	 * them then costs a little more.
	 * @param without names of fields to leave out, compared ignoring case
	 */
	public HttpHeaders compact(String... without) {
		if (this.packed != null && without.length == 0) {
			return this;
		}
		return ofPacked(packed(without));
	}

	/** These fields, but those named in {@code without}, in the compact form; see {@link PackedHeaders}. */
	byte[] packed(String... without) {
		byte[] bytes = this.packed;
		if (bytes != null && without.length == 0) {
			// A copy: these headers are read-only, whatever the caller does with the array.
			return bytes.clone();
		}
		return PackedFields.pack(entries(), this.count, without);
	}

	/** Read-only headers over an array in the compact form. */
	static HttpHeaders ofPacked(byte[] packed) {
		return new HttpHeaders(packed, PackedFields.count(packed));
	}

	/** Names and values alternating, read from the packed form when there is one. */
	private String[] entries() {
		byte[] bytes = this.packed;
		if (bytes == null) {
			return this.entries;
		}
		return PackedFields.unpack(bytes, this.count);
	}

	/**
	 * Read-only headers from names and values in pairs, for tests and custom responses.
	 * @throws IllegalArgumentException for an odd number of strings or an invalid name or value
	 */
	public static HttpHeaders of(String... namesAndValues) {
		if (namesAndValues.length % 2 != 0) {
			throw new IllegalArgumentException("Expected names and values in pairs, got "
					+ namesAndValues.length + " strings");
		}
		HttpHeaders headers = new HttpHeaders();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			headers.add(namesAndValues[i], namesAndValues[i + 1]);
		}
		return headers.readOnlyCopy();
	}

	/**
	 * Adds a header field; earlier fields of the same name are kept.
	 * @throws IllegalArgumentException if the name is not an HTTP token, or the value holds a
	 * control character other than horizontal tab (CR and LF would let it inject header
	 * lines) or a character above 0xFF (which is not one octet)
	 * @throws UnsupportedOperationException if these headers are read-only
	 */
	public void add(String name, String value) {
		if (this.readOnly) {
			throw new UnsupportedOperationException("These headers are read-only");
		}
		if (!HttpChars.isToken(name)) {
			throw new IllegalArgumentException("Header name is not a token: '" + name + "'");
		}
		for (int i = 0; i < value.length(); i++) {
			// Checked per char, not per byte: a char above 0xFF cannot be written as one octet,
			// and truncated to its low byte U+010D would become a CR that ends the field.
			if (!HttpChars.isFieldValueChar(value.charAt(i))) {
				throw new IllegalArgumentException("Header value of " + name + " has a character not allowed in HTTP"
						+ " (U+" + Integer.toHexString(value.charAt(i)).toUpperCase(Locale.ROOT) + " at index " + i
						+ "); values are visible characters, spaces, tabs and Latin-1 (RFC 9110 §5.5)");
			}
		}
		if (this.count * 2 == this.entries.length) {
			this.entries = Arrays.copyOf(this.entries, Math.max(16, this.entries.length * 2));
		}
		this.entries[this.count * 2] = name;
		this.entries[this.count * 2 + 1] = value;
		this.count++;
	}

	/** The first value of the header, or {@code null}; names compare ignoring case. */
	public @Nullable String first(String name) {
		String[] entries = entries();
		for (int i = 0; i < this.count; i++) {
			if (entries[i * 2].equalsIgnoreCase(name)) {
				return entries[i * 2 + 1];
			}
		}
		return null;
	}

	/** Every value of the header, in arrival order; empty when absent. */
	public List<String> all(String name) {
		String[] entries = entries();
		List<String> values = null;
		for (int i = 0; i < this.count; i++) {
			if (entries[i * 2].equalsIgnoreCase(name)) {
				if (values == null) {
					values = new ArrayList<>(2);
				}
				values.add(entries[i * 2 + 1]);
			}
		}
		return (values != null) ? Collections.unmodifiableList(values) : List.of();
	}

	/** Whether the header is present. */
	public boolean contains(String name) {
		return first(name) != null;
	}

	/**
	 * Whether any value of the header, read as a comma-separated list, has an element equal
	 * to {@code token} ignoring case ({@code Connection: keep-alive, Upgrade} contains
	 * {@code upgrade}).
	 */
	public boolean containsToken(String name, String token) {
		String[] entries = entries();
		// Scans the values in place: this runs for every upgrade request.
		for (int i = 0; i < this.count; i++) {
			if (entries[i * 2].equalsIgnoreCase(name) && FieldLists.hasElement(entries[i * 2 + 1], token)) {
				return true;
			}
		}
		return false;
	}

	/** The trimmed, non-empty elements of every value of the header, split on commas. */
	public List<String> tokens(String name) {
		List<String> tokens = new ArrayList<>();
		for (String value : all(name)) {
			FieldLists.addElements(value, tokens);
		}
		return tokens;
	}

	/** The header names, each once, spelled as first seen, in arrival order. */
	public Set<String> names() {
		return Collections.unmodifiableSet(asMap().keySet());
	}

	/** The number of header fields, repeated names counted each time. */
	public int size() {
		return this.count;
	}

	/** The headers by name (spelled as first seen, in arrival order), each with its values. */
	public Map<String, List<String>> asMap() {
		String[] entries = entries();
		Map<String, List<String>> map = new LinkedHashMap<>();
		for (int i = 0; i < this.count; i++) {
			String name = entries[i * 2];
			String spelled = null;
			for (String existing : map.keySet()) {
				if (existing.equalsIgnoreCase(name)) {
					spelled = existing;
					break;
				}
			}
			map.computeIfAbsent((spelled != null) ? spelled : name, (key) -> new ArrayList<>())
				.add(entries[i * 2 + 1]);
		}
		map.replaceAll((name, values) -> List.copyOf(values));
		return Collections.unmodifiableMap(map);
	}

	/** Visits every field in arrival order. */
	public void forEach(BiConsumer<String, String> action) {
		String[] entries = entries();
		for (int i = 0; i < this.count; i++) {
			action.accept(entries[i * 2], entries[i * 2 + 1]);
		}
	}

	HttpHeaders copy() {
		return new HttpHeaders(this, false);
	}

	HttpHeaders readOnlyCopy() {
		return this.readOnly ? this : new HttpHeaders(this, true);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		if (this == other) {
			return true;
		}
		if (!(other instanceof HttpHeaders that) || this.count != that.count) {
			return false;
		}
		String[] entries = entries();
		String[] theirs = that.entries();
		for (int i = 0; i < this.count; i++) {
			if (!entries[i * 2].equalsIgnoreCase(theirs[i * 2]) || !entries[i * 2 + 1].equals(theirs[i * 2 + 1])) {
				return false;
			}
		}
		return true;
	}

	@Override
	public int hashCode() {
		String[] entries = entries();
		int hash = 1;
		for (int i = 0; i < this.count; i++) {
			hash = 31 * hash + Objects.hash(entries[i * 2].toLowerCase(Locale.ROOT), entries[i * 2 + 1]);
		}
		return hash;
	}

	@Override
	public String toString() {
		String[] entries = entries();
		StringBuilder text = new StringBuilder("[");
		for (int i = 0; i < this.count; i++) {
			text.append((i > 0) ? ", " : "").append(entries[i * 2]).append(": ").append(entries[i * 2 + 1]);
		}
		return text.append(']').toString();
	}

}
