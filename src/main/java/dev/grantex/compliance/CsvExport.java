package dev.grantex.compliance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes rows as CSV (RFC 4180) as they arrive: a header line of the column names, then one line per
 * row, CRLF after each. Every value is quoted, quotes doubled, so commas, quotes and line breaks
 * inside values survive; a list is its items separated by spaces (as scopes are written in OAuth),
 * JSON is its text, null is an empty field. Values are written as they are stored: a compliance
 * export must not alter them, so a spreadsheet should import the file as text.
 */
final class CsvExport {
    private CsvExport() {
    }

    static <T> void write(Writer out, List<Column<T>> columns, Consumer<Consumer<T>> source) throws IOException {
        for (int i = 0; i < columns.size(); i++) {
            field(out, i, columns.get(i).name());
        }
        out.write("\r\n");
        try {
            source.accept(row -> {
                try {
                    for (int i = 0; i < columns.size(); i++) {
                        field(out, i, text(columns.get(i).value().apply(row)));
                    }
                    out.write("\r\n");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        out.flush();
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Column.RawJson json) {
            return json.json();
        }
        if (value instanceof List<?> items) {
            return String.join(" ", items.stream().map(String.class::cast).toList());
        }
        return value.toString();
    }

    private static void field(Writer out, int index, String text) throws IOException {
        if (index > 0) {
            out.write(',');
        }
        if (text != null) {
            out.write('"');
            out.write(text.replace("\"", "\"\""));
            out.write('"');
        }
    }
}
