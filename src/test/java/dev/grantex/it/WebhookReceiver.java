package dev.grantex.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** A webhook receiver on localhost for the tests: records every request and answers as told. */
public final class WebhookReceiver implements AutoCloseable {
    /** One request as it arrived; the sender's port tells its connections apart. */
    public record Received(String path, Map<String, List<String>> headers, String body, long receivedAtMillis,
                           int senderPort) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private volatile Function<Received, Integer> answer = r -> 200;

    public WebhookReceiver() {
        this(plain());
    }

    private WebhookReceiver(HttpServer server) {
        this.server = server;
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * A receiver over https, with the key and certificate chain of a PKCS12 store in
     * src/test/resources/webhook-tls (password "changeit"): localhost.p12 and other-host.p12 are
     * issued by the CA the IT server trusts (ca.pem, GRANTEX_WEBHOOK_TRUSTED_CERTIFICATES), the
     * second for other.example; untrusted.p12 is self-signed.
     */
    public static WebhookReceiver overTls(String keyStore) {
        char[] password = "changeit".toCharArray();
        try (InputStream in = WebhookReceiver.class.getResourceAsStream("/webhook-tls/" + keyStore)) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, password);
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, password);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(keyManagers.getKeyManagers(), null, null);
            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            server.setHttpsConfigurator(new HttpsConfigurator(tls));
            return new WebhookReceiver(server);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot serve with " + keyStore, e);
        }
    }

    private static HttpServer plain() {
        try {
            return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How to answer each request: its status (a negative number: hang for that many milliseconds, then 200). */
    public WebhookReceiver answering(Function<Received, Integer> answer) {
        this.answer = answer;
        return this;
    }

    private void handle(HttpExchange exchange) throws IOException {
        Received request = new Received(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), System.currentTimeMillis(),
                exchange.getRemoteAddress().getPort());
        received.add(request);
        int status = answer.apply(request);
        if (status < 0) {
            sleep(-status);
            status = 200;
        }
        if (status / 100 == 3) {
            exchange.getResponseHeaders().add("Location", url("/elsewhere"));
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The receiver's URL (on localhost, which the test server admits over http and https). */
    public String url(String path) {
        return (server instanceof HttpsServer ? "https" : "http") + "://localhost:" + server.getAddress().getPort() + path;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The next request, or null when none arrives within the wait. */
    public Received next(Duration wait) {
        try {
            return received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** The hex HMAC-SHA256 of the message under the secret, as the signature headers carry it. */
    public static String hmacSha256Hex(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
