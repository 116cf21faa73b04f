package dev.wsboot.actuate.endpoint;

import java.lang.reflect.RecordComponent;
import java.util.Map;

/**
 * Renders an Actuator answer made of records, maps, collections and scalars as JSON, the
 * way Jackson would: a record by its components, anything else that is not a number or a
 * boolean as a string. Jackson is not on this module's test classpath, and a test of what
 * the endpoint reveals must look at every value it would put on the wire.
 */
final class RecordJson {

	private RecordJson() {
	}

	static String write(Object value) {
		StringBuilder json = new StringBuilder();
		write(value, json);
		return json.toString();
	}

	private static void write(Object value, StringBuilder json) {
		if (value == null) {
			json.append("null");
		}
		else if (value instanceof Number || value instanceof Boolean) {
			json.append(value);
		}
		else if (value instanceof Record record) {
			json.append('{');
			String separator = "";
			for (RecordComponent component : record.getClass().getRecordComponents()) {
				json.append(separator);
				writeString(component.getName(), json);
				json.append(':');
				write(read(component, record), json);
				separator = ",";
			}
			json.append('}');
		}
		else if (value instanceof Map<?, ?> map) {
			json.append('{');
			String separator = "";
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				json.append(separator);
				writeString(String.valueOf(entry.getKey()), json);
				json.append(':');
				write(entry.getValue(), json);
				separator = ",";
			}
			json.append('}');
		}
		else if (value instanceof Iterable<?> items) {
			json.append('[');
			String separator = "";
			for (Object item : items) {
				json.append(separator);
				write(item, json);
				separator = ",";
			}
			json.append(']');
		}
		else {
			writeString(value.toString(), json);
		}
	}

	private static Object read(RecordComponent component, Record record) {
		try {
			component.getAccessor().setAccessible(true);
			return component.getAccessor().invoke(record);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Cannot read " + component, ex);
		}
	}

	private static void writeString(String text, StringBuilder json) {
		json.append('"').append(text.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
	}

}
