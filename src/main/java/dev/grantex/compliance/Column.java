package dev.grantex.compliance;

import java.util.function.Function;

/**
 * One column of an export: its name and how a row's value is read. A value is text, a number, a
 * list of text, {@link RawJson} or null; {@link JsonExport} and {@link CsvExport} each write every kind.
 */
record Column<T>(String name, Function<T, Object> value) {
    /** JSON already serialised, such as an audit entry's metadata as it is stored, written as it is. */
    record RawJson(String json) {
    }
}
