package dev.grantex.anomalies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.grantex.it.Flows;
import dev.grantex.it.ItServer;
import dev.grantex.it.Reply;
import dev.grantex.it.TestDeveloper;
import dev.grantex.it.WebhookReceiver;
import dev.grantex.it.WebhookReceiver.Received;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.StringReader;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * /v1/anomaly/channels (contract §2.15): alerts of newly opened anomalies reach a webhook channel (the
 * signed anomaly.detected event, through the events outbox), a Slack incoming webhook (a receiver on
 * localhost in its place) and email (GreenMail, a real SMTP server in this JVM, where the test server's
 * GRANTEX_SMTP_* point).
 */
class AnomalyChannelsIT {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static GreenMail smtp;

    private final TestDeveloper developer = TestDeveloper.create("enterprise", "sandbox");

    @BeforeAll
    static void startSmtpServer() {
        smtp = new GreenMail(new ServerSetup(Integer.parseInt(ItServer.env("GRANTEX_SMTP_PORT")), "127.0.0.1", "smtp"));
        smtp.start();
    }

    @AfterAll
    static void stopSmtpServer() {
        smtp.stop();
    }

    /** Each test counts the mails it caused. */
    @BeforeEach
    void emptyTheMailboxes() throws FolderException {
        smtp.purgeEmailFromAllMailboxes();
    }

    private JsonObject channel(String json) {
        return developer.api().post("/v1/anomaly/channels", json).expect(201).json();
    }

    /** 51 audit entries of a new agent within the hour: a high velocity spike (AD-001) at the next detection. */
    private String spike() {
        String agent = Flows.createAgent(developer, List.of("read"));
        Flows.logAudit(developer, agent, "search", "success", 51);
        return agent;
    }

    @Test
    void aNewHighAnomalyReachesTheWebhookSlackAndEmailChannelsOnceAndOthersNot() throws Exception {
        try (WebhookReceiver hook = new WebhookReceiver(); WebhookReceiver slack = new WebhookReceiver();
             WebhookReceiver mediumOnly = new WebhookReceiver(); WebhookReceiver disabled = new WebhookReceiver()) {
            JsonObject webhook = channel("{\"type\":\"webhook\",\"name\":\"SIEM\",\"config\":{\"url\":\"" + hook.url("/alerts")
                    + "\"}}");
            String secret = webhook.getString("secret");
            assertEquals(48, secret.length());
            assertEquals("[\"critical\",\"high\"]", webhook.getJsonArray("severities").toString());
            channel("{\"type\":\"slack\",\"name\":\"#secops\",\"config\":{\"webhookUrl\":\"" + slack.url("/services/T0/B0/xyz")
                    + "\"},\"severities\":[\"high\"]}");
            JsonObject email = channel("{\"type\":\"email\",\"name\":\"On call\",\"config\":{\"to\":[\"oncall@example.com\","
                    + "\"secops@example.com\"]}}");
            assertTrue(email.isNull("secret"), "only a webhook channel has a secret to show");
            channel("{\"type\":\"webhook\",\"name\":\"medium\",\"config\":{\"url\":\"" + mediumOnly.url("/m")
                    + "\"},\"severities\":[\"medium\"]}");
            String off = channel("{\"type\":\"webhook\",\"name\":\"off\",\"config\":{\"url\":\"" + disabled.url("/off")
                    + "\"}}").getString("id");
            assertFalse(developer.api().patch("/v1/anomaly/channels/" + off, "{\"enabled\":false}").expect(200).json()
                    .getBoolean("enabled"));

            String agent = spike();
            JsonObject anomaly = developer.api().post("/v1/anomalies/detect", "{}").expect(200).json()
                    .getJsonArray("anomalies").getValuesAs(JsonObject.class).stream()
                    .filter(a -> a.getString("type").equals("rate_spike")).findFirst().orElseThrow();

            Received signed = hook.next(WAIT);
            assertNotNull(signed, "the webhook channel got no alert");
            assertEquals("sha256=" + WebhookReceiver.hmacSha256Hex(secret, signed.body()), signed.header("X-Grantex-Signature"));
            JsonObject event = Json.createReader(new StringReader(signed.body())).readObject();
            assertEquals("anomaly.detected", event.getString("type"));
            assertTrue(event.getString("id").startsWith("evt_"));
            JsonObject data = event.getJsonObject("data");
            assertEquals(anomaly.getString("id"), data.getString("anomalyId"));
            assertEquals("AD-001", data.getString("ruleId"));
            assertEquals("high", data.getString("severity"));
            assertEquals(agent, data.getString("agentId"));

            Received slackMessage = slack.next(WAIT);
            assertNotNull(slackMessage, "the Slack channel got no alert");
            String text = Json.createReader(new StringReader(slackMessage.body())).readObject().getString("text");
            assertTrue(text.contains("[HIGH] Velocity spike (AD-001)"), text);
            assertTrue(text.contains(agent) && text.contains(anomaly.getString("id")), text);

            MimeMessage mail = firstMail(2);
            assertEquals("Grantex anomaly: [HIGH] Velocity spike (AD-001)", mail.getSubject());
            assertEquals(List.of("oncall@example.com", "secops@example.com"), Arrays.stream(
                    mail.getRecipients(Message.RecipientType.TO)).map(Object::toString).toList());
            assertEquals("grantex-it@localhost", mail.getFrom()[0].toString());
            assertTrue(GreenMailUtil.getBody(mail).contains(anomaly.getString("id")));

            // Found again, the anomaly is the same open one: no second alert.
            developer.api().post("/v1/anomalies/detect", "{}").expect(200);
            assertNull(hook.next(Duration.ofSeconds(3)), "an anomaly still open is not alerted again");
            assertNull(mediumOnly.next(Duration.ZERO), "a channel for medium anomalies gets no high one");
            assertNull(disabled.next(Duration.ZERO), "a disabled channel gets nothing");

            JsonObject deliveries = developer.api().get("/v1/anomaly/channels/" + webhook.getString("id") + "/deliveries")
                    .expect(200).json();
            assertEquals(1, deliveries.getInt("total"));
            assertEquals(webhook.getString("id"), deliveries.getJsonArray("deliveries").getJsonObject(0).getString("webhookId"));
        }
    }

    @Test
    void aCustomRuleSendsItsFindingsToTheChannelsItNamesWhateverTheirSeverities() {
        try (WebhookReceiver named = new WebhookReceiver(); WebhookReceiver bySeverity = new WebhookReceiver()) {
            String channelId = channel("{\"type\":\"webhook\",\"name\":\"payments team\",\"config\":{\"url\":\""
                    + named.url("/p") + "\",\"secret\":\"a-secret-of-our-own-choosing\"},\"severities\":[\"critical\"]}")
                    .getString("id");
            channel("{\"type\":\"webhook\",\"name\":\"all low\",\"config\":{\"url\":\"" + bySeverity.url("/low")
                    + "\"},\"severities\":[\"low\"]}");
            JsonObject rule = developer.api().post("/v1/anomaly/rules", "{\"ruleId\":\"wires\",\"name\":\"Many wires\","
                    + "\"condition\":{\"threshold\":2,\"windowMinutes\":10,\"action\":\"wire.*\"},\"severity\":\"low\","
                    + "\"alertChannels\":[\"" + channelId + "\"]}").expect(201).json();
            assertEquals(channelId, rule.getJsonArray("alertChannels").getString(0));
            String agent = Flows.createAgent(developer, List.of("read"));
            Flows.logAudit(developer, agent, "wire.transfer", "success", 3);

            developer.api().post("/v1/anomalies/detect", "{}").expect(200);
            Received alert = named.next(WAIT);
            assertNotNull(alert, "the channel the rule names got no alert");
            JsonObject data = Json.createReader(new StringReader(alert.body())).readObject().getJsonObject("data");
            assertEquals("wires", data.getString("ruleId"));
            assertEquals("low", data.getString("severity"));
            assertNull(bySeverity.next(Duration.ofSeconds(2)), "a rule naming channels sends to those only");
        }
    }

    @Test
    void anEmailAlertOfARuleWithALongNameHasItsSubjectCutAndTheWholeNameInItsBody() throws Exception {
        String name = "警報".repeat(128);
        String channelId = channel("{\"type\":\"email\",\"name\":\"long\",\"config\":{\"to\":\"long@example.com\"}}")
                .getString("id");
        developer.api().post("/v1/anomaly/rules", "{\"ruleId\":\"long-name\",\"name\":\"" + name + "\","
                + "\"condition\":{\"threshold\":2,\"windowMinutes\":10,\"action\":\"wire.*\"},\"severity\":\"low\","
                + "\"alertChannels\":[\"" + channelId + "\"]}").expect(201);
        String agent = Flows.createAgent(developer, List.of("read"));
        Flows.logAudit(developer, agent, "wire.transfer", "success", 3);

        developer.api().post("/v1/anomalies/detect", "{}").expect(200);
        MimeMessage mail = firstMail(1);
        String subject = mail.getSubject();
        assertEquals(78, subject.codePointCount(0, subject.length()), subject);
        assertTrue(subject.startsWith("Grantex anomaly: [LOW] 警報警報") && subject.endsWith("…"), subject);
        assertTrue(mail.getContent().toString().contains("[LOW] " + name + " (long-name)"), "the body names the rule in full");
    }

    @Test
    void channelsAreListedWithoutSecretsAndRemovedAndAreTheDevelopersOwn() {
        JsonObject slack = channel("{\"type\":\"slack\",\"name\":\"s\",\"config\":{\"webhookUrl\":"
                + "\"http://localhost:1/services/T0/B0/secret-part\"}}");
        String id = slack.getString("id");
        assertTrue(id.matches("achan_[0-9A-Z]{26}"), id);
        assertEquals("http://localhost:1/…", slack.getJsonObject("config").getString("webhookUrl"));
        JsonObject listed = developer.api().get("/v1/anomaly/channels").expect(200).json()
                .getJsonArray("channels").getJsonObject(0);
        assertFalse(listed.toString().contains("secret-part"), listed.toString());
        assertFalse(listed.containsKey("secret"));
        assertEquals(id, developer.api().get("/v1/anomaly/channels/" + id).expect(200).json().getString("id"));
        assertEquals(400, developer.api().get("/v1/anomaly/channels/" + id + "/deliveries?status=lost").status());

        TestDeveloper other = TestDeveloper.create("enterprise");
        other.api().get("/v1/anomaly/channels/" + id).expect(404);
        other.api().patch("/v1/anomaly/channels/" + id, "{\"enabled\":false}").expect(404);
        other.api().get("/v1/anomaly/channels/" + id + "/deliveries").expect(404);
        other.api().delete("/v1/anomaly/channels/" + id).expect(404);
        assertEquals(0, other.api().get("/v1/anomaly/channels").expect(200).json().getJsonArray("channels").size());
        assertEquals(400, other.api().post("/v1/anomaly/rules", "{\"ruleId\":\"r\",\"name\":\"n\",\"condition\":"
                + "{\"threshold\":1,\"windowMinutes\":5},\"alertChannels\":[\"" + id + "\"]}").status(),
                "a rule may name only its developer's channels");

        developer.api().delete("/v1/anomaly/channels/" + id).expect(204);
        developer.api().get("/v1/anomaly/channels/" + id).expect(404);
        assertEquals(0, developer.api().get("/v1/anomaly/channels").expect(200).json().getJsonArray("channels").size());
    }

    @Test
    void badChannelsAreRefusedWithFourHundredAndNothingIsCreated() {
        for (String body : List.of(
                "{\"type\":\"pager\",\"name\":\"n\",\"config\":{}}",
                "{\"name\":\"n\",\"config\":{\"url\":\"https://example.com/h\"}}",
                "{\"type\":\"webhook\",\"config\":{\"url\":\"https://example.com/h\"}}",
                "{\"type\":\"webhook\",\"name\":\"n\"}",
                "{\"type\":\"webhook\",\"name\":\"n\",\"config\":\"https://example.com/h\"}",
                "{\"type\":\"webhook\",\"name\":\"n\",\"config\":{}}",
                "{\"type\":\"webhook\",\"name\":\"n\",\"config\":{\"url\":\"http://10.0.0.1/h\"}}",
                "{\"type\":\"webhook\",\"name\":\"n\",\"config\":{\"url\":\"ftp://example.com/h\"}}",
                "{\"type\":\"webhook\",\"name\":\"n\",\"config\":{\"url\":\"https://example.com/h\",\"secret\":\"short\"}}",
                "{\"type\":\"webhook\",\"name\":\"n\",\"config\":{\"url\":\"https://example.com/h\",\"secret\":7}}",
                "{\"type\":\"slack\",\"name\":\"n\",\"config\":{\"url\":\"https://hooks.example.com/x\"}}",
                "{\"type\":\"email\",\"name\":\"n\",\"config\":{\"to\":[\"not an address\"]}}",
                "{\"type\":\"email\",\"name\":\"n\",\"config\":{\"to\":[\"Boss <boss@example.com>\"]}}",
                "{\"type\":\"email\",\"name\":\"n\",\"config\":{\"to\":[]}}",
                "{\"type\":\"email\",\"name\":\"n\",\"config\":{\"to\":[1]}}",
                "{\"type\":\"email\",\"name\":\"n\",\"config\":{}}",
                "{\"type\":\"email\",\"name\":\"n\",\"config\":{\"to\":[" + IntStream.range(0, 20)
                        .mapToObj(i -> "\"" + "a".repeat(60) + i + "@" + "b".repeat(60) + ".example.com\"")
                        .collect(Collectors.joining(",")) + "]}}",
                "{\"type\":\"webhook\",\"name\":\"n\",\"config\":{\"url\":\"https://example.com/h\"},\"severities\":[]}",
                "{\"type\":\"webhook\",\"name\":\"n\",\"config\":{\"url\":\"https://example.com/h\"},\"severities\":[\"dire\"]}",
                "{\"type\":\"webhook\",\"name\":\"n\",\"config\":{\"url\":\"https://example.com/h\"},\"severities\":\"high\"}",
                "[]", "{\"type\":")) {
            Reply reply = developer.api().post("/v1/anomaly/channels", body);
            assertEquals(400, reply.status(), body);
            assertEquals("BAD_REQUEST", reply.json().getString("code"), body);
        }
        assertEquals(0, developer.api().get("/v1/anomaly/channels").expect(200).json().getJsonArray("channels").size());
        assertEquals(400, developer.api().patch("/v1/anomaly/channels/achan_x", "{}").status());
        assertEquals(404, developer.api().patch("/v1/anomaly/channels/achan_x", "{\"enabled\":true}").status());
        assertEquals(404, developer.api().get("/v1/anomaly/channels/achan_x/deliveries").status());
    }

    /** A rule that named a deleted channel alerts the others it names, or by severity when it named only that one. */
    @Test
    void aDeletedChannelIsTakenOffTheRulesThatNamedIt() {
        String kept = channel("{\"type\":\"email\",\"name\":\"kept\",\"config\":{\"to\":\"kept@example.com\"}}").getString("id");
        String gone = channel("{\"type\":\"email\",\"name\":\"gone\",\"config\":{\"to\":\"gone@example.com\"}}").getString("id");
        for (String rule : List.of("both", "only-gone")) {
            developer.api().post("/v1/anomaly/rules", "{\"ruleId\":\"" + rule + "\",\"name\":\"n\",\"condition\":"
                    + "{\"threshold\":1,\"windowMinutes\":5},\"alertChannels\":[" + (rule.equals("both") ? "\"" + kept
                    + "\"," : "") + "\"" + gone + "\"]}").expect(201);
        }
        developer.api().delete("/v1/anomaly/channels/" + gone).expect(204);
        Map<String, List<String>> named = developer.api().get("/v1/anomaly/rules").expect(200).json().getJsonArray("rules")
                .getValuesAs(JsonObject.class).stream().filter(rule -> rule.getString("ruleId").contains("gone")
                        || rule.getString("ruleId").equals("both"))
                .collect(Collectors.toMap(rule -> rule.getString("ruleId"),
                        rule -> rule.getJsonArray("alertChannels").getValuesAs(JsonString::getString)));
        assertEquals(Map.of("both", List.of(kept), "only-gone", List.of()), named);
    }

    /** A secret's sealed form is longer than the secret, the more so for letters of several UTF-8 bytes. */
    @Test
    void aWebhookChannelTakesTheLongestSecretOfAnyLetters() {
        JsonObject created = channel("{\"type\":\"webhook\",\"name\":\"n\",\"config\":{\"url\":\"http://localhost:1/h\","
                + "\"secret\":\"" + "\u20ac".repeat(128) + "\"}}");
        assertEquals("\u20ac".repeat(128), created.getString("secret"));
    }

    /** The first mail received once {@code copies} have arrived (GreenMail keeps a copy per recipient). */
    private static MimeMessage firstMail(int copies) throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT.toMillis();
        while (smtp.getReceivedMessages().length < copies && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        MimeMessage[] received = smtp.getReceivedMessages();
        assertEquals(copies, received.length, "the email channel's mail did not arrive for each recipient");
        return received[0];
    }
}
