package dev.grantex.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MailtoUrlTest {
    @Test
    void addressesAndSubjectSurviveTheRoundTrip() {
        MailtoUrl url = new MailtoUrl(List.of("oncall@example.com", "sec+ops@example.com"), "Grantex anomaly: [HIGH] a & b");
        assertEquals("mailto:oncall%40example.com,sec%2Bops%40example.com?subject=Grantex%20anomaly%3A%20%5BHIGH%5D%20a%20%26%20b",
                url.toString());
        assertEquals(url, MailtoUrl.parse(url.toString()));
    }

    @Test
    void aLongSubjectIsCutToSeventyEightCharactersEndingInAnEllipsis() {
        String cut = new MailtoUrl(List.of("a@example.com"), "警".repeat(256)).subject();
        assertEquals(MailtoUrl.MAX_SUBJECT, cut.codePointCount(0, cut.length()));
        assertEquals("警".repeat(MailtoUrl.MAX_SUBJECT - 1) + "…", cut);
        String emoji = new MailtoUrl(List.of("a@example.com"), "😀".repeat(100)).subject();
        assertEquals("😀".repeat(MailtoUrl.MAX_SUBJECT - 1) + "…", emoji, "characters outside the BMP are not split");
    }

    @Test
    void addressesWithinTheirLimitFitADeliveryRowWhateverTheSubject() {
        List<String> addresses = new ArrayList<>();
        while (new MailtoUrl(addresses, "").toString().length() < MailtoUrl.MAX_LENGTH_WITHOUT_SUBJECT - 20) {
            addresses.add("x" + addresses.size() + "@example.com");
        }
        assertTrue(new MailtoUrl(addresses, "").toString().length() <= MailtoUrl.MAX_LENGTH_WITHOUT_SUBJECT);
        String url = new MailtoUrl(addresses, "😀".repeat(500)).toString();
        assertTrue(url.length() <= WebhookTargets.MAX_URL_LENGTH, url.length() + " characters");
    }
}
