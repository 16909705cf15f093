package dev.grantex.authorization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grantex.it.Api;
import dev.grantex.it.Browser;
import dev.grantex.it.Flows;
import dev.grantex.it.ItServer;
import dev.grantex.it.Reply;
import dev.grantex.it.TestDeveloper;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/** The consent page in a real browser: a person reads the request, then allows or denies it. */
class ConsentPageIT {
    @RegisterExtension
    static final Browser browser = new Browser();

    private final TestDeveloper developer = TestDeveloper.create("enterprise", "live");
    private final String callback = ItServer.baseUrl() + "/test-callback";
    private final String agentId = developer.api().post("/v1/agents", Json.createObjectBuilder()
            .add("name", "Travel Booker").add("description", "Books flights and hotels")
            .add("scopes", Json.createArrayBuilder().add("calendar:read").add("payments:initiate:max_500").add("crm:export"))
            .build().toString()).expect(201).json().getString("agentId");

    private JsonObject authorize(String state) {
        return developer.api().post("/v1/authorize", Flows.authorizeBody(agentId, "alice@example.com",
                        List.of("calendar:read", "payments:initiate:max_500", "crm:export"))
                .add("redirectUri", callback).add("state", state).add("expiresIn", "8h").build().toString())
                .expect(201).json();
    }

    private static Map<String, String> query(String url) {
        Map<String, String> params = new HashMap<>();
        String query = URI.create(url).getRawQuery();
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return params;
    }

    private void waitForCallback() {
        browser.waiting().until(d -> d.getCurrentUrl().startsWith(callback));
    }

    @Test
    void approvingLandsOnTheRedirectWithACodeThatExchanges() {
        JsonObject authorized = authorize("st-approve");
        browser.driver().get(authorized.getString("consentUrl"));
        String text = browser.driver().findElement(By.tagName("main")).getText();
        assertTrue(text.contains("Travel Booker wants access on your behalf"), text);
        assertTrue(text.contains("Books flights and hotels"), text);
        assertTrue(text.contains("alice@example.com"), text);
        assertTrue(text.contains("Read your calendar events"), text);
        assertTrue(text.contains("Initiate payments up to 500 in your account's base currency"), text);
        assertTrue(text.contains("Export crm"), text);
        assertTrue(text.contains("For 8 hours from now"), text);
        assertEquals("en", browser.driver().findElement(By.tagName("html")).getAttribute("lang"));
        browser.screenshot("consent-page");

        browser.driver().findElement(By.cssSelector("button[value=approve]")).click();
        waitForCallback();
        Map<String, String> params = query(browser.driver().getCurrentUrl());
        assertEquals("st-approve", params.get("state"));
        Flows.Issued issued = Flows.exchange(developer, agentId, params.get("code"));
        assertEquals("alice@example.com", issued.claims().getString("sub"));
        assertTrue(Flows.valid(developer, issued.grantToken()));

        browser.driver().get(authorized.getString("consentUrl"));
        assertTrue(browser.driver().findElement(By.tagName("h1")).getText().contains("no longer open"));
    }

    @Test
    void denyingLandsOnTheRedirectWithAccessDenied() {
        JsonObject authorized = authorize("st-deny");
        browser.driver().get(authorized.getString("consentUrl"));
        browser.driver().findElement(By.cssSelector("button[value=deny]")).click();
        waitForCallback();
        Map<String, String> params = query(browser.driver().getCurrentUrl());
        assertEquals("access_denied", params.get("error"));
        assertEquals("st-deny", params.get("state"));
        assertFalse(params.containsKey("code"));
        developer.api().post("/v1/consent/" + authorized.getString("authRequestId") + "/approve", null);
        assertEquals(410, Api.anonymous().get("/v1/consent/" + authorized.getString("authRequestId")).status());
    }

    @Test
    void unknownAndIncompleteLinksExplainThemselves() {
        browser.driver().get(ItServer.baseUrl() + "/consent?req=areq_doesnotexist");
        assertTrue(browser.driver().findElement(By.tagName("h1")).getText().contains("does not exist"));
        browser.driver().get(ItServer.baseUrl() + "/consent");
        assertTrue(browser.driver().findElement(By.tagName("h1")).getText().contains("incomplete"));
        browser.screenshot("consent-incomplete-link");
    }

    @Test
    void pageEscapesWhatDevelopersAndAgentsSupply() {
        String hostile = developer.api().post("/v1/agents", Json.createObjectBuilder()
                .add("name", "<script>alert(1)</script>").add("scopes", Json.createArrayBuilder().add("read"))
                .build().toString()).expect(201).json().getString("agentId");
        String id = developer.api().post("/v1/authorize", Flows.authorizeBody(hostile, "<b>bob</b>", List.of("read"))
                .build().toString()).expect(201).json().getString("authRequestId");
        Reply page = Api.anonymous().get("/consent?req=" + id);
        assertEquals(200, page.status());
        assertTrue(page.header("Content-Type").orElseThrow().startsWith("text/html"));
        assertFalse(page.body().contains("<script>alert(1)</script>"));
        assertTrue(page.body().contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertFalse(page.body().contains("<b>bob</b>"));
        String csp = page.header("Content-Security-Policy").orElseThrow();
        assertTrue(csp.contains("default-src 'none'") && csp.contains("form-action 'self'"), csp);
    }

    @Test
    void postingWithoutADecisionIsAPlainError() {
        Reply reply = Api.send(Api.request("/consent").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("req=areq_x&decision=maybe")));
        assertEquals(422, reply.status());
        assertTrue(reply.body().contains("<h1>This answer could not be read</h1>"), reply.body());
    }
}
