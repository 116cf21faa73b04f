package dev.wsboot.handshake;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The parameters of a request's query ({@code ?room=1&tag=a&tag=b}), decoded: names and
 * values percent-decoded as UTF-8, {@code +} read as a space, a name without {@code =} given
 * an empty value, repeated names kept in order. Immutable.
 */
public final class QueryParameters {

	/** No parameters. */
	public static final QueryParameters NONE = new QueryParameters(Map.of());

	private final Map<String, List<String>> values;

	private QueryParameters(Map<String, List<String>> values) {
		this.values = values;
	}

	/**
	 * Parses a raw query, as {@link HandshakeRequest#query()} holds it.
	 * @param query the part of the target after {@code ?}, or {@code null} for none
	 * @throws HandshakeException 400 for bad percent-encoding
	 */
	public static QueryParameters parse(@Nullable String query) {
		if (query == null || query.isEmpty()) {
			return NONE;
		}
		Map<String, List<String>> values = new LinkedHashMap<>();
		int start = 0;
		while (start <= query.length()) {
			int amp = query.indexOf('&', start);
			int end = (amp >= 0) ? amp : query.length();
			if (end > start) {
				int equals = query.indexOf('=', start);
				String name;
				String value;
				if (equals < 0 || equals > end) {
					name = UriDecoder.decode(query, start, end, true);
					value = "";
				}
				else {
					name = UriDecoder.decode(query, start, equals, true);
					value = UriDecoder.decode(query, equals + 1, end, true);
				}
				values.computeIfAbsent(name, (key) -> new ArrayList<>(1)).add(value);
			}
			start = end + 1;
		}
		values.replaceAll((name, list) -> List.copyOf(list));
		return new QueryParameters(Collections.unmodifiableMap(values));
	}

	/** The first value of the parameter, or {@code null} when it is absent. */
	public @Nullable String first(String name) {
		List<String> list = this.values.get(name);
		return (list != null) ? list.get(0) : null;
	}

	/** Every value of the parameter, in order; empty when it is absent. */
	public List<String> all(String name) {
		return this.values.getOrDefault(name, List.of());
	}

	/** The parameters' names, in the order they first appear. */
	public Set<String> names() {
		return this.values.keySet();
	}

	/** The parameters by name, each with its values in order. */
	public Map<String, List<String>> asMap() {
		return this.values;
	}

	public boolean isEmpty() {
		return this.values.isEmpty();
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof QueryParameters that) && this.values.equals(that.values);
	}

	@Override
	public int hashCode() {
		return this.values.hashCode();
	}

	@Override
	public String toString() {
		return this.values.toString();
	}

}
