package dev.wsboot.server;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.jspecify.annotations.Nullable;

/**
 * The path of a WebSocket endpoint: literal ({@code /chat}) or a template whose segments may
 * be variables: {@code {name}} matches one non-empty segment, {@code {name:regex}} one
 * segment the regular expression matches whole, and a last {@code {*name}} the rest of the
 * path, perhaps nothing ({@code a/b} of {@code /files/a/b}). Segments are matched after the
 * request path is split on {@code /} and each segment percent-decoded, so values may hold an
 * encoded slash but never span segments.
 *
 * <p>When several templates match one path, the one that is more specific at the first
 * segment where they differ wins: a literal beats a variable with a regular expression,
 * which beats a plain variable, which beats the rest. Two templates that only differ in
 * their variables' names or expressions could match the same path with nothing to choose
 * between them: {@link #isAmbiguousWith} tells, so that such endpoints fail at start.
 */
public final class PathTemplate implements Comparable<PathTemplate> {

	private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

	private final String pattern;

	private final Segment[] segments;

	private final List<String> variableNames;

	private PathTemplate(String pattern, Segment[] segments, List<String> variableNames) {
		this.pattern = pattern;
		this.segments = segments;
		this.variableNames = variableNames;
	}

	/**
	 * Parses a path as declared on an endpoint.
	 * @throws IllegalArgumentException with what is wrong, for a path that does not start with
	 * {@code /}, holds a query, a fragment or whitespace, a variable in part of a segment, an
	 * invalid name or expression, a name twice, or {@code {*name}} anywhere but last
	 */
	public static PathTemplate parse(String pattern) {
		if (!pattern.startsWith("/") || pattern.chars().anyMatch((c) -> c == '?' || c == '#' || c <= ' ')) {
			throw new IllegalArgumentException("A WebSocket path starts with '/' and has no query, fragment or "
					+ "whitespace: '" + pattern + "'");
		}
		List<String> texts = splitSegments(pattern);
		Segment[] segments = new Segment[texts.size()];
		List<String> names = new ArrayList<>();
		for (int i = 0; i < segments.length; i++) {
			Segment segment = Segment.parse(pattern, texts.get(i));
			if (segment.kind == Kind.REST && i != segments.length - 1) {
				throw new IllegalArgumentException("{*" + segment.name + "} must be the last segment of '" + pattern + "'");
			}
			if (segment.name != null) {
				if (names.contains(segment.name)) {
					throw new IllegalArgumentException("Variable '" + segment.name + "' appears twice in '" + pattern + "'");
				}
				names.add(segment.name);
			}
			segments[i] = segment;
		}
		return new PathTemplate(pattern, segments, List.copyOf(names));
	}

	/** Splits on '/' outside braces, so that an expression may hold a slash or braces. */
	private static List<String> splitSegments(String pattern) {
		List<String> texts = new ArrayList<>();
		if (pattern.length() == 1) {
			return texts;
		}
		int depth = 0;
		int start = 1;
		for (int i = 1; i < pattern.length(); i++) {
			char c = pattern.charAt(i);
			if (c == '{') {
				depth++;
			}
			else if (c == '}') {
				depth--;
			}
			else if (c == '/' && depth == 0) {
				texts.add(pattern.substring(start, i));
				start = i + 1;
			}
		}
		texts.add(pattern.substring(start));
		return texts;
	}

	/** The path as declared, such as {@code /rooms/{room}}. */
	public String pattern() {
		return this.pattern;
	}

	/** Whether the path has no variable, so a request path must equal it. */
	public boolean isLiteral() {
		return this.variableNames.isEmpty();
	}

	/** The names of the variables, in order. */
	public List<String> variableNames() {
		return this.variableNames;
	}

	/**
	 * Matches the segments of a request path, already split and percent-decoded.
	 * @return the variables' values by name, or {@code null} when the path does not match
	 */
	public @Nullable Map<String, String> match(List<String> pathSegments) {
		Map<String, String> values = null;
		int count = pathSegments.size();
		for (int i = 0; i < this.segments.length; i++) {
			Segment segment = this.segments[i];
			if (segment.kind == Kind.REST) {
				values = put(values, segment.name, String.join("/", pathSegments.subList(Math.min(i, count), count)));
				return values;
			}
			if (i >= count || !segment.matches(pathSegments.get(i))) {
				return null;
			}
			if (segment.name != null) {
				values = put(values, segment.name, pathSegments.get(i));
			}
		}
		if (count != this.segments.length) {
			return null;
		}
		return (values != null) ? Collections.unmodifiableMap(values) : Map.of();
	}

	private static Map<String, String> put(@Nullable Map<String, String> values, String name, String value) {
		Map<String, String> map = (values != null) ? values : new LinkedHashMap<>(4);
		map.put(name, value);
		return map;
	}

	/**
	 * Whether this template and {@code other} could match one path with neither more
	 * specific: at every segment both are the same literal, or both variables of the same kind.
	 */
	public boolean isAmbiguousWith(PathTemplate other) {
		if (this.segments.length != other.segments.length) {
			return false;
		}
		for (int i = 0; i < this.segments.length; i++) {
			Segment mine = this.segments[i];
			Segment theirs = other.segments[i];
			if (mine.kind != theirs.kind || (mine.kind == Kind.LITERAL && !mine.text.equals(theirs.text))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * More specific templates first; see the class description. Where one template ends and
	 * the other goes on, the end is less specific than a segment, but more specific than a
	 * rest variable: {@code /rooms/{room}} serves {@code /rooms/lobby} before
	 * {@code /rooms/{room}/{*rest}} does.
	 */
	@Override
	public int compareTo(PathTemplate other) {
		int common = Math.min(this.segments.length, other.segments.length);
		for (int i = 0; i < common; i++) {
			int byKind = Integer.compare(other.segments[i].kind.ordinal(), this.segments[i].kind.ordinal());
			if (byKind != 0) {
				return byKind;
			}
		}
		if (this.segments.length == other.segments.length) {
			return 0;
		}
		PathTemplate longer = (this.segments.length > common) ? this : other;
		boolean longerFirst = longer.segments[common].kind != Kind.REST;
		return ((longer == this) == longerFirst) ? -1 : 1;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof PathTemplate that) && this.pattern.equals(that.pattern);
	}

	@Override
	public int hashCode() {
		return this.pattern.hashCode();
	}

	@Override
	public String toString() {
		return this.pattern;
	}

	/** How specific a segment is, least specific first. */
	private enum Kind {

		REST, VARIABLE, REGEX, LITERAL

	}

	private static final class Segment {

		final Kind kind;

		final String text;

		final @Nullable String name;

		final @Nullable Pattern regex;

		private Segment(Kind kind, String text, @Nullable String name, @Nullable Pattern regex) {
			this.kind = kind;
			this.text = text;
			this.name = name;
			this.regex = regex;
		}

		static Segment parse(String pattern, String text) {
			if (!text.startsWith("{")) {
				if (text.indexOf('{') >= 0 || text.indexOf('}') >= 0) {
					throw new IllegalArgumentException("A variable takes a whole segment, unlike '" + text + "' in '"
							+ pattern + "'");
				}
				return new Segment(Kind.LITERAL, text, null, null);
			}
			if (!text.endsWith("}")) {
				throw new IllegalArgumentException("A variable takes a whole segment, unlike '" + text + "' in '"
						+ pattern + "'");
			}
			String inside = text.substring(1, text.length() - 1);
			if (inside.startsWith("*")) {
				return new Segment(Kind.REST, text, name(pattern, inside.substring(1)), null);
			}
			int colon = inside.indexOf(':');
			if (colon < 0) {
				return new Segment(Kind.VARIABLE, text, name(pattern, inside), null);
			}
			String expression = inside.substring(colon + 1);
			try {
				return new Segment(Kind.REGEX, text, name(pattern, inside.substring(0, colon)), Pattern.compile(expression));
			}
			catch (PatternSyntaxException ex) {
				throw new IllegalArgumentException("Invalid expression '" + expression + "' in '" + pattern + "': "
						+ ex.getDescription(), ex);
			}
		}

		private static String name(String pattern, String name) {
			if (!NAME.matcher(name).matches()) {
				throw new IllegalArgumentException("Invalid variable name '" + name + "' in '" + pattern + "'");
			}
			return name;
		}

		boolean matches(String value) {
			return switch (this.kind) {
				case LITERAL -> this.text.equals(value);
				case VARIABLE -> !value.isEmpty();
				case REGEX -> !value.isEmpty() && Objects.requireNonNull(this.regex).matcher(value).matches();
				case REST -> true;
			};
		}

	}

}
