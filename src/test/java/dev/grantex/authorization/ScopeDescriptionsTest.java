package dev.grantex.authorization;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ScopeDescriptionsTest {
    @Test
    void standardScopesHaveFixedTexts() {
        assertEquals("Read your calendar events", ScopeDescriptions.describe("calendar:read"));
        assertEquals("Send email on your behalf", ScopeDescriptions.describe("email:send"));
    }

    @Test
    void paymentCapsReadAsAnAmount() {
        assertEquals("Initiate payments up to 500 in your account's base currency",
                ScopeDescriptions.describe("payments:initiate:max_500"));
    }

    @Test
    void theJsonRouteKeepsCustomScopesRaw() {
        assertEquals("crm:export", ScopeDescriptions.describe("crm:export"));
    }

    @Test
    void thePageMakesCustomScopesReadable() {
        assertEquals("Export crm", ScopeDescriptions.forPeople("crm:export"));
        assertEquals("Close support tickets (priority low)", ScopeDescriptions.forPeople("support_tickets:close:priority_low"));
        assertEquals("Admin", ScopeDescriptions.forPeople("admin"));
        assertEquals("Read your files", ScopeDescriptions.forPeople("files:read"));
        assertEquals(":odd", ScopeDescriptions.forPeople(":odd"));
    }
}
