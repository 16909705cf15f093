import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The events benchmark's client (bench/run, scenario flow-events): one SSE and one WebSocket client
 * of a developer's event streams, on the node given (another node than the load's, to measure the
 * relay), and a webhook receiver on localhost. It counts what arrives and, for the streams, how long
 * after its createdAt each event arrived. Runs until killed; then writes its figures as JSON.
 * Writes {@code <outFile>.ready} once its clients are connected. While {@code <outFile>.paused} exists
 * its stream clients are disconnected and the ready file is gone; once it is removed they connect again
 * (bench/run's side-by-side slices of the flow with and without events consumed).
 * Usage: java bench/EventsProbe.java <streamBaseUrl> <apiKey> <receiverPort> <outFile>
 */
public class EventsProbe {
    private static final Pattern ID = Pattern.compile("\"id\":\"(evt_[0-9A-Z]+)\"");
    private static final Pattern CREATED = Pattern.compile("\"createdAt\":\"([^\"]+)\"");

    private static final List<Long> sseLatencies = Collections.synchronizedList(new ArrayList<>());
    private static final List<Long> wsLatencies = Collections.synchronizedList(new ArrayList<>());
    private static final Set<String> sseIds = ConcurrentHashMap.newKeySet();
    private static final Set<String> wsIds = ConcurrentHashMap.newKeySet();
    private static final Set<String> deliveredPairs = ConcurrentHashMap.newKeySet();
    private static final AtomicLong deliveries = new AtomicLong();
    private static final ConcurrentHashMap<Long, AtomicLong> deliveriesBySecond = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String key = args[1];
        int port = Integer.parseInt(args[2]);
        Path out = Path.of(args[3]);

        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 512);
        receiver.setExecutor(Executors.newFixedThreadPool(32));
        receiver.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes());
            Matcher id = ID.matcher(body);
            if (id.find()) {
                deliveredPairs.add(exchange.getRequestURI().getPath() + " " + id.group(1));
            }
            deliveries.incrementAndGet();
            deliveriesBySecond.computeIfAbsent(System.currentTimeMillis() / 1000, s -> new AtomicLong()).incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();

        HttpClient client = HttpClient.newHttpClient();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> write(out)));
        Path ready = Path.of(out + ".ready");
        Path paused = Path.of(out + ".paused");
        Streams streams = null;
        while (true) {
            boolean pause = Files.exists(paused);
            if (pause && streams != null) {
                streams.close();
                streams = null;
                Files.deleteIfExists(ready);
            } else if (!pause && streams == null) {
                streams = Streams.connect(client, base, key);
                Files.writeString(ready, Instant.now().toString());
            }
            Thread.sleep(100);
        }
    }

    /** The SSE and the WebSocket client, connected. */
    private record Streams(HttpResponse<Stream<String>> sse, WebSocket ws) {
        static Streams connect(HttpClient client, String base, String key) throws Exception {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v1/events/stream"))
                    .header("Authorization", "Bearer " + key).build();
            HttpResponse<Stream<String>> sse = client.send(request, HttpResponse.BodyHandlers.ofLines());
            if (sse.statusCode() != 200) {
                throw new IllegalStateException("SSE refused: " + sse.statusCode());
            }
            Thread sseReader = new Thread(() -> {
                try {
                    sse.body().forEach(line -> {
                        if (line.startsWith("data: ")) {
                            record(line.substring(6), sseIds, sseLatencies);
                        }
                    });
                } catch (RuntimeException closed) {
                    // The stream was closed for a pause.
                }
            });
            sseReader.setDaemon(true);
            sseReader.start();
            WebSocket ws = client.newWebSocketBuilder().header("Authorization", "Bearer " + key)
                    .buildAsync(URI.create(base.replaceFirst("^http", "ws") + "/v1/events/ws"), new WebSocket.Listener() {
                        private final StringBuilder text = new StringBuilder();

                        @Override
                        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                            text.append(data);
                            if (last) {
                                record(text.toString(), wsIds, wsLatencies);
                                text.setLength(0);
                            }
                            socket.request(1);
                            return null;
                        }
                    }).join();
            return new Streams(sse, ws);
        }

        void close() {
            sse.body().close();
            ws.abort();
        }
    }

    private static void record(String json, Set<String> ids, List<Long> latencies) {
        long now = System.currentTimeMillis();
        Matcher id = ID.matcher(json);
        Matcher created = CREATED.matcher(json);
        if (id.find() && created.find()) {
            ids.add(id.group(1));
            latencies.add(now - Instant.parse(created.group(1)).toEpochMilli());
        }
    }

    private static void write(Path out) {
        long peak = deliveriesBySecond.values().stream().mapToLong(AtomicLong::get).max().orElse(0);
        String json = String.format("{\"sseEvents\":%d,\"wsEvents\":%d,\"deliveries\":%d,\"distinctDeliveries\":%d,"
                        + "\"peakDeliveriesPerSecond\":%d,\"sseP50Ms\":%d,\"sseP99Ms\":%d,\"wsP50Ms\":%d,\"wsP99Ms\":%d}",
                sseIds.size(), wsIds.size(), deliveries.get(), deliveredPairs.size(), peak,
                percentile(sseLatencies, 50), percentile(sseLatencies, 99),
                percentile(wsLatencies, 50), percentile(wsLatencies, 99));
        try {
            Files.writeString(out, json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long percentile(List<Long> values, int p) {
        List<Long> sorted;
        synchronized (values) {
            sorted = new ArrayList<>(values);
        }
        if (sorted.isEmpty()) {
            return -1;
        }
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
