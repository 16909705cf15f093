package dev.grantex.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grantex.it.Flows;
import dev.grantex.it.ItServer;
import dev.grantex.it.SseClient;
import dev.grantex.it.TestDeveloper;
import dev.grantex.it.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** /v1/events/stream (SSE) and /v1/events/ws (WebSocket), contract §6.4. */
class EventStreamsIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Pattern EVENT_ID = Pattern.compile("^evt_[0-9A-HJKMNP-TV-Z]{26}$");
    private static final Pattern TIMESTAMP = Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$");

    @Test
    void sseCarriesTheFlowsEventsAsEnvelopesWithTheContractsHeaders() {
        TestDeveloper developer = TestDeveloper.create("enterprise");
        try (SseClient stream = SseClient.subscribed(developer.apiKey(), null)) {
            var headers = stream.response().headers();
            assertTrue(headers.firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
            assertEquals("no-cache", headers.firstValue("Cache-Control").orElse(null));
            assertEquals("no", headers.firstValue("X-Accel-Buffering").orElse(null));
            String agentId = Flows.createAgent(developer, List.of("read"));
            Flows.Issued issued = Flows.grant(developer, agentId, List.of("read"));
            developer.api().delete("/v1/grants/" + issued.grantId()).expect(204);

            JsonObject created = stream.next(WAIT);
            assertEnvelope(created, "grant.created");
            assertEquals(issued.grantId(), created.getJsonObject("data").getString("grantId"));
            assertEquals(agentId, created.getJsonObject("data").getString("agentId"));
            assertEquals("read", created.getJsonObject("data").getJsonArray("scopes").getString(0));
            JsonObject token = stream.next(WAIT);
            assertEnvelope(token, "token.issued");
            assertEquals(issued.claims().getString("jti"), token.getJsonObject("data").getString("tokenId"));
            JsonObject revoked = stream.next(WAIT);
            assertEnvelope(revoked, "grant.revoked");
            assertEquals(issued.grantId(), revoked.getJsonObject("data").getString("grantId"));
            assertEquals(false, revoked.getJsonObject("data").getBoolean("cascade"));
        }
    }

    @Test
    void sseSendsKeepAliveComments() throws InterruptedException {
        TestDeveloper developer = TestDeveloper.create("enterprise");
        try (SseClient stream = SseClient.subscribed(developer.apiKey(), null)) {
            Thread.sleep(4_500); // the test server sends keep-alives every 2 s
            assertTrue(stream.lines().stream().filter(": keepalive"::equals).count() >= 2, stream.lines().toString());
        }
    }

    @Test
    void theTypesFilterPassesOnlyTheNamedTypes() {
        TestDeveloper developer = TestDeveloper.create("enterprise");
        try (SseClient stream = SseClient.subscribed(developer.apiKey(), "types=grant.revoked,token.issued")) {
            String agentId = Flows.createAgent(developer, List.of("read"));
            Flows.Issued issued = Flows.grant(developer, agentId, List.of("read"));
            developer.api().delete("/v1/grants/" + issued.grantId()).expect(204);
            assertEquals("token.issued", stream.next(WAIT).getString("type"));
            assertEquals("grant.revoked", stream.next(WAIT).getString("type"));
        }
    }

    @Test
    void aMalformedFilterOrAMissingKeyIsRefused() {
        TestDeveloper developer = TestDeveloper.create("enterprise");
        for (String query : List.of("types=grant.created,nope", "types=", "types=grant.created,,token.issued")) {
            try (SseClient stream = SseClient.open(developer.apiKey(), query)) {
                assertEquals(400, stream.status(), query);
                assertEquals("BAD_REQUEST", stream.errorBody().getString("code"));
            }
        }
        try (SseClient stream = SseClient.open(null, null)) {
            assertEquals(401, stream.status());
        }
        try (SseClient stream = SseClient.open("gx_live_not-a-key-0123456789012345678901234567", null)) {
            assertEquals(401, stream.status());
        }
    }

    @Test
    void aSixthStreamOfOneDeveloperIs429UntilOneCloses() {
        TestDeveloper developer = TestDeveloper.create("enterprise");
        List<SseClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                open.add(SseClient.subscribed(developer.apiKey(), null));
            }
            try (SseClient sixth = SseClient.open(developer.apiKey(), null)) {
                assertEquals(429, sixth.status());
                assertEquals("TOO_MANY_CONNECTIONS", sixth.errorBody().getString("code"));
            }
            // Another developer is not affected.
            try (SseClient other = SseClient.subscribed(TestDeveloper.create("enterprise").apiKey(), null)) {
                assertEquals(200, other.status());
            }
        } finally {
            open.forEach(SseClient::close);
        }
        // A closed stream frees its slot once the server notices (at its next keep-alive, 2 s here).
        SseClient again = null;
        for (int i = 0; i < 20 && again == null; i++) {
            SseClient attempt = SseClient.open(developer.apiKey(), null);
            if (attempt.status() == 200) {
                again = attempt;
            } else {
                sleep(500);
            }
        }
        assertNotNull(again, "no slot was freed after the streams closed");
        again.close();
    }

    @Test
    void noStreamSeesAnotherDevelopersEvents() {
        TestDeveloper mine = TestDeveloper.create("enterprise");
        TestDeveloper theirs = TestDeveloper.create("enterprise");
        try (SseClient sse = SseClient.subscribed(mine.apiKey(), null); WsClient ws = WsClient.connect(mine.apiKey())) {
            awaitRegistered();
            String agentId = Flows.createAgent(theirs, List.of("read"));
            Flows.grant(theirs, agentId, List.of("read"));
            String myAgent = Flows.createAgent(mine, List.of("read"));
            Flows.Issued myGrant = Flows.grant(mine, myAgent, List.of("read"));
            // The first event each sees is its own developer's.
            assertEquals(myGrant.grantId(), sse.next(WAIT).getJsonObject("data").getString("grantId"));
            assertEquals(myGrant.grantId(), ws.next(WAIT).getJsonObject("data").getString("grantId"));
        }
    }

    @Test
    void webSocketCarriesEnvelopesAndTakesAFilterMessage() {
        TestDeveloper developer = TestDeveloper.create("enterprise");
        try (WsClient ws = WsClient.connect(developer.apiKey())) {
            awaitRegistered();
            ws.send("{\"types\":[\"grant.revoked\"]}");
            sleep(300);
            String agentId = Flows.createAgent(developer, List.of("read"));
            Flows.Issued issued = Flows.grant(developer, agentId, List.of("read"));
            developer.api().delete("/v1/grants/" + issued.grantId()).expect(204);
            JsonObject revoked = ws.next(WAIT);
            assertEnvelope(revoked, "grant.revoked");
            assertEquals(issued.grantId(), revoked.getJsonObject("data").getString("grantId"));
            assertNull(ws.next(Duration.ofMillis(500)));
        }
    }

    @Test
    void webSocketPingsAndClosesWith1007OnABadFilter() throws InterruptedException {
        TestDeveloper developer = TestDeveloper.create("enterprise");
        try (WsClient ws = WsClient.connect(developer.apiKey())) {
            Thread.sleep(4_500);
            assertTrue(ws.pings() >= 2, "pings: " + ws.pings());
            ws.send("{\"types\":[\"no.such.type\"]}");
            assertEquals(1007, ws.closeCode(WAIT));
        }
        for (String bad : List.of("not json", "{\"types\":\"grant.created\"}", "{\"types\":[1]}")) {
            try (WsClient ws = WsClient.connect(developer.apiKey())) {
                ws.send(bad);
                assertEquals(1007, ws.closeCode(WAIT), bad);
            }
        }
    }

    /**
     * The filter message is small; the server gathers no huge one in memory, whether it comes in one
     * frame (refused before it is read) or in many small ones.
     */
    @Test
    void webSocketClosesWith1009OnAMessageOver16KiB() throws IOException {
        TestDeveloper developer = TestDeveloper.create("enterprise");
        try (WsClient ws = WsClient.connect(developer.apiKey())) {
            ws.send(" ".repeat(16_000) + "{\"types\":[]}");
            assertNull(ws.closeCode(Duration.ofSeconds(1)), "a message within the limit is a filter like any other");
        }
        byte[] filter = (" ".repeat(100_000) + "{\"types\":[]}").getBytes(StandardCharsets.US_ASCII);
        try (Socket socket = upgraded(developer.apiKey())) {
            // Its header and a first part only: the server refuses it from its header, and bytes it had
            // not read when it closed could reset the connection before its close frame was read.
            socket.getOutputStream().write(frame(0x81, filter), 0, 1000);
            assertEquals(1009, closeCodeOf(socket), "one frame over the limit");
        }
        try (Socket socket = upgraded(developer.apiKey())) {
            // A text frame and continuations of 1,000 bytes each, none the last: 17,000 bytes, and
            // then nothing (what the server had not read when it closed could reset the connection
            // before its close frame was read).
            for (int i = 0; i < 17; i++) {
                socket.getOutputStream().write(frame(i == 0 ? 0x1 : 0x0, Arrays.copyOfRange(filter, i * 1000, (i + 1) * 1000)));
            }
            assertEquals(1009, closeCodeOf(socket), "many small frames of one message over the limit");
        }
    }

    @Test
    void webSocketUpgradeWithoutAValidKeyIsRefusedWith401() {
        for (String key : new String[] {null, "gx_live_not-a-key-0123456789012345678901234567"}) {
            CompletionException refused = assertThrows(CompletionException.class, () -> WsClient.connect(key));
            WebSocketHandshakeException handshake = (WebSocketHandshakeException) refused.getCause();
            assertEquals(401, handshake.getResponse().statusCode());
        }
    }

    @Test
    void aSixthWebSocketOfOneDeveloperIsClosedWith1013() {
        TestDeveloper developer = TestDeveloper.create("enterprise");
        List<WsClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                open.add(WsClient.connect(developer.apiKey()));
            }
            // The server counts a connection when it opens it, on its own thread, after the handshake:
            // without the wait the sixth can be opened before the fifth and the fifth is the one refused.
            awaitRegistered();
            try (WsClient sixth = WsClient.connect(developer.apiKey())) {
                assertEquals(1013, sixth.closeCode(WAIT));
            }
            for (WsClient ws : open) {
                assertNull(ws.closeCode(Duration.ZERO));
            }
        } finally {
            open.forEach(WsClient::close);
        }
    }

    /** The server registers a WebSocket right after the handshake, on its own thread: give it a moment. */
    @Test
    void webSocketClientsThatStopReadingAreDroppedAndHoldUpNoOtherClient() throws Exception {
        TestDeveloper stalled = TestDeveloper.create("enterprise");
        List<Socket> stuck = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                stuck.add(upgradedAndNeverRead(stalled.apiKey()));
            }
            awaitRegistered();
            String agentId = Flows.createAgent(stalled, List.of("read"));
            // Each refresh is a token.issued event for each stalled client: enough to fill its socket
            // buffers and then its queue of 500, which drops it.
            String refreshToken = Flows.grant(stalled, agentId, List.of("read")).refreshToken();
            for (int i = 0; i < 12000; i++) {
                refreshToken = stalled.api().post("/v1/token/refresh", Json.createObjectBuilder()
                        .add("refreshToken", refreshToken).add("agentId", agentId).build().toString())
                        .expect(201).json().getString("refreshToken");
            }
            TestDeveloper other = TestDeveloper.create("enterprise");
            try (WsClient ws = WsClient.connect(other.apiKey())) {
                awaitRegistered();
                String otherAgent = Flows.createAgent(other, List.of("read"));
                Flows.grant(other, otherAgent, List.of("read"));
                JsonObject first = ws.next(WAIT);
                assertEnvelope(first, "grant.created");
            }
        } finally {
            for (Socket socket : stuck) {
                socket.close();
            }
        }
    }

    /** A WebSocket upgrade made by hand on a socket with a tiny receive buffer that is then never read. */
    private static Socket upgradedAndNeverRead(String apiKey) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(1024);
        return upgrade(socket, apiKey);
    }

    /** A WebSocket upgrade made by hand, its answer's headers read. */
    private static Socket upgraded(String apiKey) throws IOException {
        Socket socket = upgrade(new Socket(), apiKey);
        socket.setSoTimeout(10_000);
        int matched = 0;
        byte[] endOfHeaders = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = socket.getInputStream().read();
            assertTrue(b >= 0, "the connection ended within the upgrade's answer");
            matched = b == endOfHeaders[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return socket;
    }

    /** One client frame (masked, as clients must) with the given first byte (FIN and opcode). */
    private static byte[] frame(int finAndOpcode, byte[] payload) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(finAndOpcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length < 65_536) {
            frame.write(0x80 | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length & 0xff);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >> shift) & 0xff);
            }
        }
        byte[] mask = {0x11, 0x22, 0x33, 0x44};
        frame.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        return frame.toByteArray();
    }

    /**
     * Reads server frames (pings among them) until a close frame, for at most the wait; its status
     * code, -1 when the connection ended without one, or -2 when none came in time.
     */
    private static int closeCodeOf(Socket socket) throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        long deadline = System.nanoTime() + WAIT.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                int opcode = in.readUnsignedByte() & 0x0f;
                long length = in.readUnsignedByte() & 0x7f;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                byte[] payload = new byte[(int) length];
                in.readFully(payload);
                if (opcode == 0x8) {
                    return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : -1;
                }
            }
            return -2;
        } catch (SocketTimeoutException e) {
            return -2;
        } catch (EOFException | SocketException e) {
            return -1;
        }
    }

    private static Socket upgrade(Socket socket, String apiKey) throws IOException {
        URI base = URI.create(ItServer.baseUrl());
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
        String key = Base64.getEncoder().encodeToString("stalled-client-0".getBytes(StandardCharsets.US_ASCII));
        String upgrade = "GET /v1/events/ws HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\nAuthorization: Bearer " + apiKey + "\r\n\r\n";
        socket.getOutputStream().write(upgrade.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        byte[] status = new byte[12];
        int read = 0;
        while (read < status.length) {
            read += socket.getInputStream().read(status, read, status.length - read);
        }
        assertEquals("HTTP/1.1 101", new String(status, StandardCharsets.US_ASCII));
        return socket;
    }

    private static void awaitRegistered() {
        sleep(1_000);
    }

    private static void assertEnvelope(JsonObject event, String type) {
        assertNotNull(event, "no " + type + " event arrived");
        assertEquals(type, event.getString("type"));
        assertTrue(EVENT_ID.matcher(event.getString("id")).matches(), event.getString("id"));
        assertTrue(TIMESTAMP.matcher(event.getString("createdAt")).matches(), event.getString("createdAt"));
        assertEquals(4, event.size(), event.toString());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
