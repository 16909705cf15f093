package dev.grantex.sso;

import dev.grantex.it.Api;
import dev.grantex.it.Reply;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/** Drives an OIDC sign-in as a browser would, without the page: /sso/login, the provider, the callback. */
final class OidcLogin {
    private static final HttpClient NO_REDIRECTS = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private OidcLogin() {
    }

    /** GET /sso/login's answer for the developer (query: extra parameters, such as "&domain=…"). */
    static JsonObject start(String developerId, String query) {
        return Api.anonymous().get("/sso/login?org=" + developerId + query).expect(200).json();
    }

    /** The query parameters of a URL, decoded. */
    static Map<String, String> parameters(String url) {
        String query = URI.create(url).getRawQuery();
        return Arrays.stream(query.split("&")).map(pair -> pair.split("=", 2)).collect(Collectors.toMap(
                pair -> URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
                pair -> pair.length > 1 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : ""));
    }

    /** Follows the authorization URL at a provider that signs in without a page; the redirect's code and state. */
    static Map<String, String> authorize(String authorizeUrl) {
        try {
            HttpResponse<String> response = NO_REDIRECTS.send(HttpRequest.newBuilder(URI.create(authorizeUrl)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 302) {
                throw new AssertionError("The provider answered " + response.statusCode() + ": " + response.body());
            }
            return parameters(response.headers().firstValue("Location").orElseThrow());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Reply callback(String code, String state) {
        return Api.anonymous().post("/sso/callback/oidc", Json.createObjectBuilder().add("code", code)
                .add("state", state).build().toString());
    }
}
