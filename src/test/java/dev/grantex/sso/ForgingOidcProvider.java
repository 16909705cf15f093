package dev.grantex.sso;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.lang.JoseException;

/**
 * A stub OpenID provider that hands out whatever ID token the test forged, which no real provider
 * can be made to do (unsigned, HMAC-signed, signed by another key, for another audience). It serves
 * discovery, its JWKS and a token endpoint; the tests use the real provider (mock-oauth2-server) for
 * everything else.
 */
final class ForgingOidcProvider implements AutoCloseable {
    private final HttpServer server;
    private final RsaJsonWebKey signingKey;
    private final AtomicReference<String> nextIdToken = new AtomicReference<>();

    ForgingOidcProvider() {
        try {
            signingKey = RsaJwkGenerator.generateJwk(2048);
            signingKey.setKeyId("forging-1");
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/.well-known/openid-configuration", exchange -> answer(exchange, discovery()));
        server.createContext("/jwks", exchange -> answer(exchange, new JsonWebKeySet(signingKey).toJson()));
        server.createContext("/token", exchange -> {
            exchange.getRequestBody().readAllBytes();
            answer(exchange, "{\"access_token\":\"at\",\"token_type\":\"Bearer\",\"expires_in\":300,\"id_token\":\""
                    + nextIdToken.get() + "\"}");
        });
        server.start();
    }

    String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The key its JWKS publishes. */
    RsaJsonWebKey signingKey() {
        return signingKey;
    }

    /** The ID token the next code exchange returns. */
    void nextIdToken(String idToken) {
        nextIdToken.set(idToken);
    }

    private String discovery() {
        String issuer = issuer();
        return "{\"issuer\":\"" + issuer + "\",\"authorization_endpoint\":\"" + issuer + "/authorize\","
                + "\"token_endpoint\":\"" + issuer + "/token\",\"jwks_uri\":\"" + issuer + "/jwks\","
                + "\"response_types_supported\":[\"code\"],\"subject_types_supported\":[\"public\"],"
                + "\"id_token_signing_alg_values_supported\":[\"RS256\"],\"code_challenge_methods_supported\":[\"S256\"]}";
    }

    private static void answer(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
