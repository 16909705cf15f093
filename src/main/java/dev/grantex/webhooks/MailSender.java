package dev.grantex.webhooks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends the outbox's mailto: deliveries (email alert channels) through the operator's SMTP server
 * (GRANTEX_SMTP_*), each given the same 10 s as a webhook attempt to connect, and for each read and write.
 */
@ApplicationScoped
public class MailSender {
    @Inject
    @ConfigProperty(name = "grantex.smtp.host")
    Optional<String> host;

    @Inject
    @ConfigProperty(name = "grantex.smtp.port", defaultValue = "25")
    int port;

    @Inject
    @ConfigProperty(name = "grantex.smtp.from", defaultValue = "grantex@localhost")
    String from;

    @Inject
    @ConfigProperty(name = "grantex.smtp.username")
    Optional<String> username;

    @Inject
    @ConfigProperty(name = "grantex.smtp.password")
    Optional<String> password;

    @Inject
    @ConfigProperty(name = "grantex.smtp.starttls", defaultValue = "false")
    boolean startTls;

    /** Whether an SMTP server is configured; without one, email channels are refused. */
    public boolean configured() {
        return host.filter(h -> !h.isBlank()).isPresent();
    }

    /** Null when the SMTP server accepted the message, otherwise what went wrong. */
    String send(String mailtoUrl, String body) {
        if (!configured()) {
            return "No SMTP server is configured (GRANTEX_SMTP_HOST)";
        }
        MailtoUrl target = MailtoUrl.parse(mailtoUrl);
        String timeout = Long.toString(WebhookSender.ATTEMPT_TIMEOUT.toMillis());
        Properties settings = new Properties();
        settings.setProperty("mail.smtp.host", host.get());
        settings.setProperty("mail.smtp.port", Integer.toString(port));
        settings.setProperty("mail.smtp.connectiontimeout", timeout);
        settings.setProperty("mail.smtp.timeout", timeout);
        settings.setProperty("mail.smtp.writetimeout", timeout);
        settings.setProperty("mail.smtp.auth", Boolean.toString(username.isPresent()));
        settings.setProperty("mail.smtp.starttls.enable", Boolean.toString(startTls));
        settings.setProperty("mail.smtp.starttls.required", Boolean.toString(startTls));
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(settings));
            message.setFrom(new InternetAddress(from, true));
            for (String address : target.addresses()) {
                message.addRecipient(Message.RecipientType.TO, new InternetAddress(address, true));
            }
            message.setSubject(target.subject(), "UTF-8");
            message.setText(body, "UTF-8");
            if (username.isPresent()) {
                Transport.send(message, username.get(), password.orElse(""));
            } else {
                Transport.send(message);
            }
            return null;
        } catch (MessagingException e) {
            return "SMTP: " + e.getMessage();
        }
    }
}
