package dev.grantex.platform;

import static dev.grantex.it.ErrorEnvelope.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grantex.it.Api;
import dev.grantex.it.Flows;
import dev.grantex.it.ItServer;
import dev.grantex.it.Reply;
import dev.grantex.it.TestDeveloper;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What an attacker sends at every layer: the URL, the headers, the media type and the bytes of the body. */
class HostileInputIT {
    private final TestDeveloper developer = TestDeveloper.create("enterprise");

    @Test
    void controlCharactersAndInvalidUtf8InQueryValuesAre400() throws IOException {
        for (String query : List.of("/v1/grants?agentId=a%00b", "/v1/grants?principalId=%00",
                "/v1/grants?principalId=a%0Db", "/v1/grants?agentId=%FF", "/v1/audit/entries?agentId=%00",
                "/v1/audit/entries?grantId=x%00", "/v1/audit/entries?principalId=%00", "/v1/audit/entries?action=%00",
                "/v1/audit/entries?status=%00", "/v1/audit/entries?action=%C3")) {
            assertError(developer.api().get(query), 400, "BAD_REQUEST");
        }
        assertError(Api.anonymous().get("/consent?req=areq_1%00"), 400, "BAD_REQUEST");
        assertTrue(rawRequest("GET /v1/audit/entries?action=%zz HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + developer.apiKey() + "\r\n\r\n").startsWith("HTTP/1.1 400"), "a malformed escape");
        developer.api().get("/v1/grants?principalId=" + "%C3%A9l%C3%A8ve").expect(200);
    }

    /**
     * JSON nested deeper than the parser takes, inside what a client presents as a token, a credential
     * or a passport: each is merely not valid (an answer of valid:false, or 401), never a 500.
     */
    @Test
    void tokensCredentialsAndPassportsOfTooDeeplyNestedJsonAreNotValid() {
        String deep = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"a\":" + "[".repeat(1500) + "]".repeat(1500) + "}").getBytes(StandardCharsets.UTF_8));
        String jwt = deep + ".e30.AA";
        assertFalse(Flows.valid(developer, jwt));
        assertFalse(Api.anonymous().post("/v1/credentials/verify", "{\"credential\":\"" + jwt + "\"}")
                .expect(200).json().getBoolean("valid"));
        assertFalse(Api.anonymous().post("/v1/credentials/present", "{\"sdJwt\":\"" + jwt + "~\"}")
                .expect(200).json().getBoolean("valid"));
        assertFalse(Api.send(Api.request("/v1/passport/verify").header("X-Grantex-Passport", deep)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")))
                .expect(200).json().getBoolean("valid"));
        assertError(Api.withKey(jwt).get("/v1/principal/grants"), 401, "UNAUTHORIZED");
    }

    @Test
    void anOversizedChunkedBodyIs413OnRoutesThatReadNoBodyAndChangesNothing() {
        byte[] huge = "x".repeat(1_200_000).getBytes(StandardCharsets.UTF_8);
        Reply rotate = Api.send(chunked("/v1/keys/rotate", "Bearer " + developer.apiKey(), huge));
        assertError(rotate, 413, "BAD_REQUEST");
        developer.api().get("/v1/agents").expect(200);

        String keysBefore = Api.anonymous().get("/.well-known/jwks.json").expect(200).body();
        Reply adminRotate = Api.send(chunked("/v1/admin/signing-keys/rotate", "Bearer " + ItServer.adminKey(), huge));
        assertError(adminRotate, 413, "BAD_REQUEST");
        assertEquals(keysBefore, Api.anonymous().get("/.well-known/jwks.json").expect(200).body());
    }

    @Test
    void aSmallChunkedBodyStillArrives() {
        byte[] body = "{\"name\":\"sent-chunked\"}".getBytes(StandardCharsets.UTF_8);
        Reply reply = Api.send(chunked("/v1/agents", "Bearer " + developer.apiKey(), body)
                .header("Content-Type", "application/json"));
        assertEquals("sent-chunked", reply.expect(201).json().getString("name"));
    }

    @Test
    void theContainersOwnErrorsAreEnvelopes() {
        for (String path : List.of("/v1/agents/a%2Fb", "/v1/agents/a%5Cb", "/v1/agents/a%FFb", "/v1/grants/%2F..%2F")) {
            assertError(developer.api().get(path), 400, "BAD_REQUEST");
        }
        for (String path : List.of("/WEB-INF/web.xml", "/META-INF/MANIFEST.MF", "/WEB-INF/", "/.container-error")) {
            Reply reply = Api.anonymous().get(path);
            assertError(reply, 404, "NOT_FOUND");
            assertEquals("DENY", reply.header("X-Frame-Options").orElseThrow(), "security headers on container errors");
        }
        assertError(developer.api().get("/v1/agents/" + "a".repeat(60_000)), 404, "NOT_FOUND");
        assertError(Api.withKey("a".repeat(60_000)).get("/v1/agents"), 401, "UNAUTHORIZED");
    }

    /**
     * NUL, CR and LF in the path are refused by Liberty's URI canonicalization (Servlet 6.0) before
     * any application code or error page runs; its answer is a 400 that changes nothing. This is the
     * one client error not in the envelope (README, failure behaviour).
     */
    @Test
    void controlCharactersInThePathAreRefusedByTheContainer() throws IOException {
        for (String path : List.of("/v1/agents/a%00b", "/v1/agents/a%0D%0Ab")) {
            assertEquals(400, developer.api().get(path).status());
        }
        assertTrue(rawRequest("GET /v1/agents HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + "x".repeat(200_000) + "\r\n\r\n").startsWith("HTTP/1.1 400"), "a header over 128 KiB");
    }

    @Test
    void jsonRoutesRefuseOtherMediaTypesWith415AndChangeNothing() {
        String agent = "{\"name\":\"typed\"}";
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                "application/json; charset=iso-8859-1", "application/jsonx", "*/*")) {
            assertError(send("POST", "/v1/agents", type, agent), 415, "BAD_REQUEST");
        }
        assertError(send("POST", "/v1/agents", null, agent), 415, "BAD_REQUEST");
        // Liberty itself refuses a Content-Type it cannot parse, before the application.
        assertError(send("POST", "/v1/agents", "not a media type", agent), 400, "BAD_REQUEST");
        assertError(send("PATCH", "/v1/me", "text/plain", "{\"fidoRpName\":\"x\"}"), 415, "BAD_REQUEST");
        assertError(Api.send(Api.request("/v1/signup").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"simple-request\"}"))), 415, "BAD_REQUEST");
        assertTrue(developer.api().get("/v1/agents").expect(200).json().getJsonArray("agents").isEmpty());

        send("POST", "/v1/agents", "application/json; charset=UTF-8", agent).expect(201);
        send("POST", "/v1/agents", "Application/JSON", agent).expect(201);
    }

    @Test
    void theConsentPageFormRefusesJson() {
        Reply reply = Api.send(Api.request("/consent").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"req\":\"areq_1\",\"decision\":\"approve\"}")));
        assertError(reply, 415, "BAD_REQUEST");
    }

    @Test
    void invalidUtf8InJsonBodiesIs400() {
        String agentId = Flows.createAgent(developer, List.of("read"));
        byte[] invalid = {(byte) 0xC3, (byte) 0x28};
        for (String[] route : new String[][] {{"POST", "/v1/signup", "{\"name\":\"%s\"}"},
                {"POST", "/v1/agents", "{\"name\":\"%s\"}"},
                {"POST", "/v1/authorize", "{\"agentId\":\"" + agentId + "\",\"principalId\":\"%s\",\"scopes\":[\"read\"]}"},
                {"POST", "/v1/audit/log", "{\"agentId\":\"a\",\"agentDid\":\"d\",\"grantId\":\"g\",\"principalId\":\"p\",\"action\":\"%s\"}"},
                {"PATCH", "/v1/me", "{\"fidoRpName\":\"%s\"}"}}) {
            String[] halves = route[2].split("%s");
            byte[] body = concat(halves[0].getBytes(StandardCharsets.UTF_8), invalid, halves[1].getBytes(StandardCharsets.UTF_8));
            Reply reply = Api.send(Api.request(route[1]).header("Authorization", "Bearer " + developer.apiKey())
                    .header("Content-Type", "application/json")
                    .method(route[0], HttpRequest.BodyPublishers.ofByteArray(body)));
            assertEquals("Request body is not valid UTF-8", assertError(reply, 400, "BAD_REQUEST").getString("message"),
                    route[1]);
        }
        assertEquals("", developer.api().get("/v1/me").expect(200).json().getString("fidoRpName", ""));
    }

    @Test
    void controlCharactersInNamesAndIdentifiersAre400() {
        String agentId = Flows.createAgent(developer, List.of("read"));
        for (String bell : List.of("\\u0007", "\\u001b[31m", "\\u007f", "\\u0085")) {
            assertError(Api.anonymous().post("/v1/signup", "{\"name\":\"a" + bell + "\"}"), 400, "BAD_REQUEST");
            assertError(developer.api().post("/v1/agents", "{\"name\":\"a" + bell + "\"}"), 400, "BAD_REQUEST");
            assertError(developer.api().post("/v1/authorize", "{\"agentId\":\"" + agentId + "\",\"principalId\":\"u"
                    + bell + "\",\"scopes\":[\"read\"]}"), 400, "BAD_REQUEST");
            assertError(developer.api().post("/v1/audit/log", "{\"agentId\":\"a\",\"agentDid\":\"d\",\"grantId\":\"g\","
                    + "\"principalId\":\"p\",\"action\":\"x" + bell + "\"}"), 400, "BAD_REQUEST");
            assertError(developer.api().patch("/v1/me", "{\"fidoRpName\":\"r" + bell + "\"}"), 400, "BAD_REQUEST");
        }
        // Tab, CR and LF pass in free text, and metadata keeps any character, escaped.
        developer.api().post("/v1/agents", "{\"name\":\"multi\",\"description\":\"line one\\nline\\ttwo\"}").expect(201);
        JsonObject entry = developer.api().post("/v1/audit/log", "{\"agentId\":\"a\",\"agentDid\":\"d\",\"grantId\":\"g\","
                + "\"principalId\":\"p\",\"action\":\"email.read\",\"metadata\":{\"raw\":\"\\u0007bell\"}}").expect(201).json();
        assertEquals("\u0007bell", entry.getJsonObject("metadata").getString("raw"));
    }

    @Test
    void ordinaryRefusalsWriteNoFfdcIncidents() throws IOException {
        developer.api().get("/v1/agents/ag_none").expect(404);
        developer.api().get("/v1/grants/grnt_none").expect(404);
        developer.api().post("/v1/agents", "{}").expect(400);
        Api.anonymous().post("/v1/signup", "{\"name\":\"\"}").expect(400);
        developer.api().post("/v1/token", "{\"code\":\"nope\",\"agentId\":\"ag_none\"}").expect(400);
        Api.anonymous().get("/v1/consent/areq_none").expect(404);
        // Liberty writes one incident file per kind of exception, so any at all would be one of these.
        assertEquals(0, incidentsNaming(ItServer.serverDirectory().resolve("logs/ffdc"), "ApiException"));
    }

    private static long incidentsNaming(Path ffdc, String text) throws IOException {
        if (!Files.isDirectory(ffdc)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(ffdc)) {
            return files.filter(file -> file.getFileName().toString().startsWith("ffdc_")).filter(file -> {
                try {
                    return Files.readString(file, StandardCharsets.ISO_8859_1).contains(text);
                } catch (IOException e) {
                    return false;
                }
            }).count();
        }
    }

    private Reply send(String method, String path, String contentType, String body) {
        HttpRequest.Builder request = Api.request(path).header("Authorization", "Bearer " + developer.apiKey())
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return Api.send(request);
    }

    /** A body publisher of unknown length is sent chunked, with no Content-Length to refuse early. */
    private static HttpRequest.Builder chunked(String path, String authorization, byte[] body) {
        return Api.request(path).header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    /** The status line the server answers to bytes sent as they are, which java.net.http would refuse to send. */
    private static String rawRequest(String request) throws IOException {
        try (Socket socket = new Socket("localhost", Integer.parseInt(ItServer.env("GRANTEX_HTTP_PORT")))) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] head = in.readNBytes(12);
            return new String(head, StandardCharsets.ISO_8859_1);
        }
    }
}
