package dev.grantex.platform.json;

import jakarta.json.bind.Jsonb;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A response body {@code {"<name>": [...]}} written element by element as the rows come, each element
 * as JSON-B writes the row's view: for lists the contract gives unpaginated, which for a long-lived
 * developer can hold more rows than the heap.
 */
public final class StreamedList {
    private static final int WRITE_BUFFER = 64 * 1024;

    private StreamedList() {
    }

    /** {@code rows} hands each row to the consumer it is given; {@code view} makes what JSON-B writes of it. */
    public static <T> StreamingOutput of(String name, Consumer<Consumer<T>> rows, Function<T, ?> view) {
        return output -> {
            Writer writer = writer(output);
            Jsonb jsonb = JsonbConfigurator.shared();
            writer.write("{\"" + name + "\":[");
            boolean[] first = {true};
            try {
                rows.accept(row -> {
                    try {
                        if (!first[0]) {
                            writer.write(',');
                        }
                        first[0] = false;
                        writer.write(jsonb.toJson(view.apply(row)));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            writer.write("]}");
            writer.flush();
        };
    }

    /** The buffered UTF-8 writer a streamed response body is written through. */
    public static Writer writer(OutputStream output) {
        return new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), WRITE_BUFFER);
    }
}
