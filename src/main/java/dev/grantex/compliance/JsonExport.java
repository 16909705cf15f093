package dev.grantex.compliance;

import dev.grantex.audit.CanonicalJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes one JSON object field by field as its rows arrive, so that an export of any length is
 * never held in memory. Objects that are small and already in memory (a summary, the policies) are
 * given serialised; arrays of rows are written as the source hands them over.
 */
final class JsonExport {
    private final Writer out;
    private boolean firstField = true;

    JsonExport(Writer out) throws IOException {
        this.out = out;
        out.write('{');
    }

    JsonExport text(String name, String value) throws IOException {
        name(name);
        out.write(value == null ? "null" : CanonicalJson.string(value));
        return this;
    }

    JsonExport number(String name, long value) throws IOException {
        name(name);
        out.write(Long.toString(value));
        return this;
    }

    JsonExport raw(String name, String json) throws IOException {
        name(name);
        out.write(json);
        return this;
    }

    /** Writes the array {@code name} of the rows the source hands to its consumer; answers how many there were. */
    <T> long rows(String name, List<Column<T>> columns, Consumer<Consumer<T>> source) throws IOException {
        name(name);
        out.write('[');
        long[] count = {0};
        try {
            source.accept(row -> {
                try {
                    if (count[0]++ > 0) {
                        out.write(',');
                    }
                    row(columns, row);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        out.write(']');
        return count[0];
    }

    void end() throws IOException {
        out.write('}');
        out.flush();
    }

    private <T> void row(List<Column<T>> columns, T row) throws IOException {
        out.write('{');
        for (int i = 0; i < columns.size(); i++) {
            Column<T> column = columns.get(i);
            if (i > 0) {
                out.write(',');
            }
            out.write(CanonicalJson.string(column.name()));
            out.write(':');
            value(column.value().apply(row));
        }
        out.write('}');
    }

    private void value(Object value) throws IOException {
        if (value == null) {
            out.write("null");
        } else if (value instanceof String text) {
            out.write(CanonicalJson.string(text));
        } else if (value instanceof Number || value instanceof Boolean) {
            out.write(value.toString());
        } else if (value instanceof Column.RawJson json) {
            out.write(json.json());
        } else {
            out.write('[');
            List<?> items = (List<?>) value;
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(CanonicalJson.string((String) items.get(i)));
            }
            out.write(']');
        }
    }

    private void name(String name) throws IOException {
        if (!firstField) {
            out.write(',');
        }
        firstField = false;
        out.write(CanonicalJson.string(name));
        out.write(':');
    }
}
