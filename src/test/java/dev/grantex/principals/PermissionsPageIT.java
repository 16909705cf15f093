package dev.grantex.principals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grantex.it.Browser;
import dev.grantex.it.Flows;
import dev.grantex.it.ItServer;
import dev.grantex.it.TestDeveloper;
import jakarta.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The permissions page in a real browser: a person sees what their agents may do and withdraws it. */
class PermissionsPageIT {
    @RegisterExtension
    static final Browser browser = new Browser();

    private final TestDeveloper developer = TestDeveloper.create("enterprise");
    private final String principal = "carol-" + System.nanoTime() + "@example.com";

    private String agent(String name, String description, List<String> scopes) {
        var array = Json.createArrayBuilder();
        scopes.forEach(array::add);
        return developer.api().post("/v1/agents", Json.createObjectBuilder().add("name", name)
                .add("description", description).add("scopes", array).build().toString())
                .expect(201).json().getString("agentId");
    }

    private String dashboardUrl(String expiresIn) {
        return developer.api().post("/v1/principal-sessions", Json.createObjectBuilder().add("principalId", principal)
                .add("expiresIn", expiresIn).build().toString()).expect(201).json().getString("dashboardUrl");
    }

    private String problemTitle() {
        return browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("problem-title"))).getText();
    }

    @Test
    void listsGrantsInPlainLanguageAndRevokesOneWithOneClick() {
        String booker = agent("Travel Booker", "Books flights and hotels",
                List.of("calendar:read", "payments:initiate:max_500"));
        String mailer = agent("Inbox Sorter", "Files your email", List.of("email:read"));
        Flows.Issued travel = Flows.grantFor(developer, booker, principal, List.of("calendar:read", "payments:initiate:max_500"));
        Flows.Issued mail = Flows.grantFor(developer, mailer, principal, List.of("email:read"));
        developer.api().post("/v1/audit/log", Json.createObjectBuilder().add("agentId", booker)
                .add("agentDid", "did:grantex:" + booker).add("grantId", travel.grantId()).add("principalId", principal)
                .add("action", "flight.booked").build().toString()).expect(201);

        browser.driver().get(dashboardUrl("1h"));
        WebElement grants = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("grants")));
        String text = browser.driver().findElement(By.id("dashboard")).getText();
        assertTrue(text.contains(principal), text);
        assertTrue(text.contains("Travel Booker") && text.contains("Books flights and hotels"), text);
        assertTrue(text.contains("Read your calendar events"), text);
        assertTrue(text.contains("Initiate payments up to 500 in your account's base currency"), text);
        assertTrue(text.contains("Inbox Sorter") && text.contains("Read your email"), text);
        String activity = browser.driver().findElement(By.id("activity")).getText();
        assertTrue(activity.contains("flight.booked") && activity.contains("Travel Booker"), activity);
        assertFalse(browser.driver().getCurrentUrl().contains("session="), "the token leaves the address bar");
        browser.screenshot("permissions-page");

        WebElement travelRow = grants.findElement(By.cssSelector("[data-grant-id='" + travel.grantId() + "']"));
        travelRow.findElement(By.cssSelector("button.revoke")).click();
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "can no longer act for you"));
        browser.waiting().until(ExpectedConditions.invisibilityOfElementLocated(
                By.cssSelector("[data-grant-id='" + travel.grantId() + "']")));
        assertFalse(Flows.valid(developer, travel.grantToken()));
        assertTrue(Flows.valid(developer, mail.grantToken()));
        assertTrue(browser.driver().findElement(By.id("grants")).getText().contains("Inbox Sorter"));
        assertTrue(browser.driver().findElement(By.id("activity")).getText().contains("Travel Booker"),
                "past activity still names the agent");
        browser.screenshot("permissions-page-after-revoke");

        browser.driver().navigate().refresh();
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("grants"), "Inbox Sorter"));
        assertFalse(browser.driver().findElement(By.id("grants")).getText().contains("Travel Booker"));
    }

    @Test
    void showsWhatAgentsSupplyAsTextOnly() {
        String hostile = agent("<img src=x onerror=\"document.title='owned'\">", "<b>bold</b>", List.of("read"));
        Flows.grantFor(developer, hostile, principal, List.of("read"));
        browser.driver().get(dashboardUrl("1h"));
        WebElement grants = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("grants")));
        assertTrue(grants.getText().contains("<img src=x onerror="), grants.getText());
        assertTrue(grants.findElements(By.tagName("img")).isEmpty());
        assertTrue(grants.findElements(By.tagName("b")).isEmpty());
        assertFalse("owned".equals(browser.driver().getTitle()));
    }

    @Test
    void explainsExpiredInvalidAndIncompleteLinks() throws InterruptedException {
        String agentId = agent("Helper", "Helps", List.of("read"));
        Flows.grantFor(developer, agentId, principal, List.of("read"));
        String shortLived = dashboardUrl("1s");
        Thread.sleep(2100);
        browser.driver().get(shortLived);
        assertEquals("This link has expired", problemTitle());
        browser.screenshot("permissions-expired");

        browser.driver().get(ItServer.baseUrl() + "/permissions#session=not-a-session");
        assertEquals("This link is not valid", problemTitle());

        String valid = dashboardUrl("1h");
        String token = valid.substring(valid.indexOf("#session=") + 9);
        String[] parts = token.split("\\.");
        browser.driver().get(ItServer.baseUrl() + "/permissions#session=" + parts[0] + "." + parts[1] + "." + parts[2].substring(3));
        assertEquals("This link is not valid", problemTitle());

        browser.driver().manage().deleteAllCookies();
        browser.driver().get(ItServer.baseUrl() + "/permissions");
        browser.driver().executeScript("sessionStorage.clear()");
        browser.driver().navigate().refresh();
        assertEquals("This link is incomplete", problemTitle());
    }
}
