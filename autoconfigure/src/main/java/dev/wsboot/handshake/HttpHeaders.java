package dev.wsboot.handshake;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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

	/** Every field in the order added: what is rendered and what {@link #forEach} walks. */
	private final List<Field> fields = new ArrayList<>();

	/** The same fields grouped by lower-case name, for lookups. */
	private final Map<String, Group> groups = new LinkedHashMap<>();

	private final boolean readOnly;

	/** Creates an empty, modifiable collection. */
	public HttpHeaders() {
		this.readOnly = false;
	}

	private HttpHeaders(HttpHeaders source, boolean readOnly) {
		source.fields.forEach(field -> append(field.name(), field.value()));
		this.readOnly = readOnly;
	}

	/**
	 * Returns read-only headers holding the given alternating names and values.
	 * @param namesAndValues {@code name1, value1, name2, value2, …}
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
	 * Adds a field after all others.
	 * @throws IllegalArgumentException if the name is not an HTTP token or the value holds CR,
	 * LF or NUL, which would let the value end the field and inject others (RFC 9110 §5.5)
	 */
	public void add(String name, String value) {
		if (this.readOnly) {
			throw new UnsupportedOperationException("These headers are read-only");
		}
		if (!HttpChars.isToken(name)) {
			throw new IllegalArgumentException("Header name is not a token: '" + name + "'");
		}
		if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\0') >= 0) {
			throw new IllegalArgumentException("Header value of " + name + " contains CR, LF or NUL");
		}
		append(name, value);
	}

	private void append(String name, String value) {
		this.fields.add(new Field(name, value));
		this.groups.computeIfAbsent(key(name), k -> new Group(name)).values.add(value);
	}

	/** Returns the first value of the named field, or {@code null} if there is none. */
	public @Nullable String first(String name) {
		Group group = this.groups.get(key(name));
		return (group != null) ? group.values.get(0) : null;
	}

	/** Returns every value of the named field in order, empty if there is none. */
	public List<String> all(String name) {
		Group group = this.groups.get(key(name));
		return (group != null) ? Collections.unmodifiableList(group.values) : List.of();
	}

	/** Whether at least one field has this name. */
	public boolean contains(String name) {
		return this.groups.containsKey(key(name));
	}

	/**
	 * Whether any comma-separated element of any value of the named field equals
	 * {@code token} ignoring case, so {@code Connection: keep-alive, Upgrade} contains
	 * {@code upgrade}.
	 */
	public boolean containsToken(String name, String token) {
		for (String element : tokens(name)) {
			if (element.equalsIgnoreCase(token)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Returns the comma-separated elements of every value of the named field, trimmed of
	 * spaces and tabs, empty elements left out (RFC 9110 §5.6.1 has recipients ignore them).
	 */
	public List<String> tokens(String name) {
		List<String> tokens = new ArrayList<>();
		for (String value : all(name)) {
			int start = 0;
			while (start <= value.length()) {
				int comma = value.indexOf(',', start);
				int end = (comma >= 0) ? comma : value.length();
				String element = trim(value, start, end);
				if (!element.isEmpty()) {
					tokens.add(element);
				}
				start = end + 1;
			}
		}
		return tokens;
	}

	/** Returns the distinct names, each spelled as first added, in the order first added. */
	public Set<String> names() {
		Set<String> names = new LinkedHashSet<>();
		this.groups.values().forEach(group -> names.add(group.name));
		return Collections.unmodifiableSet(names);
	}

	/** Returns the number of fields, counting each value of a repeated name. */
	public int size() {
		return this.fields.size();
	}

	/** Returns an unmodifiable map from each name, spelled as first added, to its values. */
	public Map<String, List<String>> asMap() {
		Map<String, List<String>> map = new LinkedHashMap<>();
		this.groups.values().forEach(group -> map.put(group.name, List.copyOf(group.values)));
		return Collections.unmodifiableMap(map);
	}

	/** Passes each field's name, as added, and value to {@code action} in the order added. */
	public void forEach(BiConsumer<String, String> action) {
		this.fields.forEach(field -> action.accept(field.name(), field.value()));
	}

	/** Returns a modifiable copy. */
	HttpHeaders copy() {
		return new HttpHeaders(this, false);
	}

	/** Returns a read-only copy, or these headers if they are read-only already. */
	HttpHeaders readOnlyCopy() {
		return this.readOnly ? this : new HttpHeaders(this, true);
	}

	private static String key(String name) {
		return name.toLowerCase(Locale.ROOT);
	}

	private static String trim(String value, int start, int end) {
		while (start < end && HttpChars.isWhitespace(value.charAt(start))) {
			start++;
		}
		while (end > start && HttpChars.isWhitespace(value.charAt(end - 1))) {
			end--;
		}
		return value.substring(start, end);
	}

	/** Equal when both hold the same fields in the same order, names compared ignoring case. */
	@Override
	public boolean equals(@Nullable Object other) {
		if (this == other) {
			return true;
		}
		if (!(other instanceof HttpHeaders that) || this.fields.size() != that.fields.size()) {
			return false;
		}
		for (int i = 0; i < this.fields.size(); i++) {
			Field mine = this.fields.get(i);
			Field theirs = that.fields.get(i);
			if (!mine.name().equalsIgnoreCase(theirs.name()) || !mine.value().equals(theirs.value())) {
				return false;
			}
		}
		return true;
	}

	@Override
	public int hashCode() {
		int hash = 1;
		for (Field field : this.fields) {
			hash = 31 * hash + Objects.hash(key(field.name()), field.value());
		}
		return hash;
	}

	@Override
	public String toString() {
		return this.fields.toString();
	}

	private record Field(String name, String value) {

		@Override
		public String toString() {
			return this.name + ": " + this.value;
		}

	}

	private static final class Group {

		final String name;

		final List<String> values = new ArrayList<>(1);

		Group(String name) {
			this.name = name;
		}

	}

}
