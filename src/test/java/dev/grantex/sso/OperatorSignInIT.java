package dev.grantex.sso;

import static dev.grantex.it.ErrorEnvelope.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grantex.it.Api;
import dev.grantex.it.Browser;
import dev.grantex.it.ItServer;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The operator's identity provider (mock-oauth2-server with its login page, started in the test JVM
 * on the port that src/test/liberty/server.env names): its access tokens open /v1/admin/* when their
 * groups hold the operator role, checked by Liberty's MicroProfile JWT, and an operator signs in to
 * the operator page with a browser through Liberty's OpenID Connect client.
 */
class OperatorSignInIT {
    @RegisterExtension
    static final Browser browser = new Browser();

    private static final String ISSUER_ID = "operator";
    private static final String AUDIENCE = ItServer.env("GRANTEX_OPERATOR_AUDIENCE");
    private static MockOAuth2Server provider;

    @BeforeAll
    static void startProvider() throws Exception {
        URI issuer = URI.create(ItServer.env("GRANTEX_OPERATOR_ISSUER"));
        provider = new MockOAuth2Server(new OAuth2Config(true, null, null, false));
        provider.start(InetAddress.getByName(issuer.getHost()), issuer.getPort());
    }

    @AfterAll
    static void stopProvider() {
        provider.shutdown();
    }

    private static String token(String issuerId, String audience, List<String> groups, long expirySeconds) {
        return provider.issueToken(issuerId, "operator-cli", new DefaultOAuth2TokenCallback(issuerId, "ops@example.com",
                "JWT", List.of(audience), Map.of("groups", groups, "upn", "ops@example.com"), expirySeconds)).serialize();
    }

    /** The token with "staff" in its payload turned into the operator group, its signature kept. */
    private static String elevatedPayload(String token) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"staff\"", "\"grantex-operators\"");
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
    }

    private static Api operator(String token) {
        return Api.withKey(token);
    }

    @Test
    void aTokenWhoseGroupsHoldTheOperatorRoleOpensTheOperatorApi() {
        String token = token(ISSUER_ID, AUDIENCE, List.of("staff", "grantex-operators"), 300);
        assertTrue(operator(token).get("/v1/admin/developers").expect(200).json().containsKey("developers"));
        String created = operator(token).post("/v1/admin/developers",
                "{\"name\":\"Made by an operator token\",\"email\":\"op-" + UUID.randomUUID() + "@example.com\"}").expect(201).json().getString("developerId");
        assertTrue(Api.admin().get("/v1/admin/developers").expect(200).body().contains(created));
    }

    @Test
    void aValidTokenWithoutTheOperatorGroupIsForbidden() {
        String token = token(ISSUER_ID, AUDIENCE, List.of("staff"), 300);
        assertError(operator(token).get("/v1/admin/developers"), 403, "FORBIDDEN");
    }

    @Test
    void tokensOfAnotherIssuerForAnotherAudienceOrExpiredAreRefused() {
        List<String> operators = List.of("grantex-operators");
        assertError(operator(token("elsewhere", AUDIENCE, operators, 300)).get("/v1/admin/developers"), 401, "UNAUTHORIZED");
        assertError(operator(token(ISSUER_ID, "another-api", operators, 300)).get("/v1/admin/developers"), 401, "UNAUTHORIZED");
        assertError(operator(token(ISSUER_ID, AUDIENCE, operators, -600)).get("/v1/admin/developers"), 401, "UNAUTHORIZED");
        assertError(operator(elevatedPayload(token(ISSUER_ID, AUDIENCE, List.of("staff"), 300)))
                .get("/v1/admin/developers"), 401, "UNAUTHORIZED");
    }

    @Test
    void theAdminKeyStillWorksAndAnOperatorTokenOpensNothingElse() {
        Api.admin().get("/v1/admin/developers").expect(200);
        String token = token(ISSUER_ID, AUDIENCE, List.of("grantex-operators"), 300);
        assertError(operator(token).get("/v1/agents"), 401, "UNAUTHORIZED");
        assertEquals(401, Api.withKey("not-a-key-of-anyone").get("/v1/admin/developers").status());
    }

    /** Signs in on the provider's page as a person with these groups, from a browser without a session. */
    private static void signInAt(String page, String groups) {
        browser.driver().manage().deleteAllCookies();
        browser.driver().get(ItServer.baseUrl() + page);
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.name("username"))).sendKeys("ops@example.com");
        browser.driver().findElement(By.name("claims")).sendKeys("{\"groups\": " + groups + "}");
        browser.driver().findElement(By.cssSelector("input[type=submit]")).click();
    }

    @Test
    void anOperatorSignsInToTheOperatorPageWithABrowser() {
        String name = "Browser-listed team " + UUID.randomUUID();
        Api.admin().post("/v1/admin/developers", "{\"name\":\"" + name + "\"}").expect(201);

        signInAt("/operator", "[\"grantex-operators\"]");
        String accounts = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("developers"))).getText();
        assertTrue(accounts.contains(name), accounts);
        assertTrue(browser.driver().findElement(By.id("operator")).getText().contains("ops@example.com"));
        assertEquals(ItServer.baseUrl() + "/operator", browser.driver().getCurrentUrl());

        signInAt("/operator", "[\"staff\"]");
        browser.waiting().until(ExpectedConditions.not(ExpectedConditions.urlContains("localhost:9393")));
        assertTrue(browser.driver().findElements(By.id("developers")).isEmpty(), "someone outside the operator group sees no accounts");
        assertTrue(browser.driver().getPageSource().contains("Error 403"), browser.driver().getPageSource());
    }
}
