package dev.grantex.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grantex.it.Browser;
import dev.grantex.it.Flows;
import dev.grantex.it.ItServer;
import dev.grantex.it.TestDeveloper;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.util.List;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A person signs in with a real browser (headless Chromium) through the provider's own login page
 * (mock-oauth2-server with interactive login), comes back to GET /sso/callback, and opens the
 * permissions page with the SSO session's token.
 */
class SsoBrowserIT {
    private static final String CLIENT_ID = "grantex-browser-it";

    @RegisterExtension
    static final Browser browser = new Browser();

    private static MockOAuth2Server provider;

    private final TestDeveloper developer = TestDeveloper.create("enterprise", "sandbox");

    @BeforeAll
    static void startProvider() {
        provider = new MockOAuth2Server(new OAuth2Config(true, null, null, false));
        provider.start();
    }

    @AfterAll
    static void stopProvider() {
        provider.shutdown();
    }

    @Test
    void aPersonSignsInOnTheProvidersPageAndSeesTheirGrants() {
        developer.api().post("/v1/sso/connections", Json.createObjectBuilder().add("name", "Corp IdP").add("protocol", "oidc")
                .add("issuerUrl", provider.issuerUrl("corp").toString()).add("clientId", CLIENT_ID).add("clientSecret", "s3cret")
                .add("redirectUri", ItServer.baseUrl() + "/sso/callback").add("jitProvisioning", true)
                .add("groupMappings", Json.createObjectBuilder().add("travel", Json.createArrayBuilder().add("calendar:read")))
                .build().toString()).expect(201);
        String authorizeUrl = OidcLogin.start(developer.developerId(), "").getString("authorizeUrl");

        browser.driver().get(authorizeUrl);
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.name("username"))).sendKeys("grace-sub");
        browser.driver().findElement(By.name("claims")).sendKeys(
                "{\"email\": \"grace@corp.example\", \"name\": \"Grace Hopper\", \"groups\": [\"travel\"]}");
        browser.driver().findElement(By.cssSelector("input[type=submit]")).click();
        browser.waiting().until(ExpectedConditions.urlContains(ItServer.baseUrl() + "/sso/callback"));
        JsonObject signedIn = Json.createReader(new StringReader(browser.driver().findElement(By.tagName("body")).getText()))
                .readObject();
        assertEquals("grace@corp.example", signedIn.getString("email"));
        assertEquals("grace-sub", signedIn.getString("sub"));
        assertEquals(List.of("calendar:read"), signedIn.getJsonArray("mappedScopes").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).toList());

        String agent = Flows.createAgent(developer, List.of("calendar:read"));
        Flows.grantFor(developer, agent, signedIn.getString("principalId"), List.of("calendar:read"));
        browser.driver().get(ItServer.baseUrl() + "/permissions#session=" + signedIn.getString("sessionToken"));
        String grants = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("grants"))).getText();
        assertTrue(grants.contains("Read your calendar events"), grants);
    }
}
