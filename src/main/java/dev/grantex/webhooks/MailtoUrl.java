package dev.grantex.webhooks;

import dev.grantex.platform.Text;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An email delivery's target as a mailto: URL (RFC 6068): the addresses and the subject, so an email
 * delivery row is one more URL to the outbox. The body is the row's payload.
 */
public record MailtoUrl(List<String> addresses, String subject) {
    static final String SCHEME = "mailto:";
    /** Subjects are cut to this many characters, the line length RFC 5322 advises. */
    static final int MAX_SUBJECT = 78;
    /**
     * The longest URL of addresses alone (with an empty subject) that still fits a delivery row with
     * any subject: a character of the subject takes at most 12 encoded (four bytes as %XX).
     */
    public static final int MAX_LENGTH_WITHOUT_SUBJECT = WebhookTargets.MAX_URL_LENGTH - MAX_SUBJECT * 12;

    public MailtoUrl {
        addresses = List.copyOf(addresses);
        subject = Text.shortened(subject, MAX_SUBJECT);
    }

    static boolean isMailto(String url) {
        return url.startsWith(SCHEME);
    }

    public static MailtoUrl parse(String url) {
        String rest = url.substring(SCHEME.length());
        int query = rest.indexOf('?');
        String to = query < 0 ? rest : rest.substring(0, query);
        String subject = "";
        if (query >= 0) {
            for (String field : rest.substring(query + 1).split("&")) {
                if (field.startsWith("subject=")) {
                    subject = decode(field.substring("subject=".length()));
                }
            }
        }
        return new MailtoUrl(Arrays.stream(to.split(",")).map(MailtoUrl::decode).toList(), subject);
    }

    @Override
    public String toString() {
        return SCHEME + addresses.stream().map(MailtoUrl::encode).collect(Collectors.joining(","))
                + "?subject=" + encode(subject);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
