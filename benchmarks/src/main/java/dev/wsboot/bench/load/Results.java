package dev.wsboot.bench.load;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures of one run, in order, written as the one JSON line on stdout. Every scenario
 * sets a {@code score}, so a script can compare servers without knowing the scenario.
 */
final class Results {

	private final Map<String, Object> fields = new LinkedHashMap<>();

	Results put(String name, Object value) {
		this.fields.put(name, value);
		return this;
	}

	Results putAll(Results other) {
		this.fields.putAll(other.fields);
		return this;
	}

	Results score(double value, String unit, boolean higherIsBetter) {
		return put("score", value).put("score_unit", unit).put("higher_is_better", higherIsBetter);
	}

	String toJsonLine() {
		StringBuilder json = new StringBuilder(512);
		write(json, this.fields);
		return json.toString();
	}

	private static void write(StringBuilder json, Object value) {
		if (value == null) {
			json.append("null");
		}
		else if (value instanceof Map<?, ?> map) {
			json.append('{');
			boolean first = true;
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				json.append(first ? "" : ",");
				first = false;
				writeString(json, entry.getKey().toString());
				json.append(':');
				write(json, entry.getValue());
			}
			json.append('}');
		}
		else if (value instanceof Collection<?> list) {
			json.append('[');
			boolean first = true;
			for (Object element : list) {
				json.append(first ? "" : ",");
				first = false;
				write(json, element);
			}
			json.append(']');
		}
		else if (value instanceof Double || value instanceof Float) {
			double number = ((Number) value).doubleValue();
			json.append(Double.isFinite(number)
					? BigDecimal.valueOf(number).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString()
					: "null");
		}
		else if (value instanceof Number || value instanceof Boolean) {
			json.append(value);
		}
		else {
			writeString(json, value.toString());
		}
	}

	private static void writeString(StringBuilder json, String text) {
		json.append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				case '\n' -> json.append("\\n");
				case '\r' -> json.append("\\r");
				case '\t' -> json.append("\\t");
				default -> {
					if (c < 0x20) {
						json.append(String.format("\\u%04x", (int) c));
					}
					else {
						json.append(c);
					}
				}
			}
		}
		json.append('"');
	}
}
