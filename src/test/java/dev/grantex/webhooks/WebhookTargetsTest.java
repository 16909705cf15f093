package dev.grantex.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grantex.platform.errors.ApiException;
import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookTargetsTest {
    private static WebhookTargets targets(String allowed) {
        WebhookTargets targets = new WebhookTargets();
        targets.allowedTargets = Optional.ofNullable(allowed);
        targets.readSettings();
        return targets;
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.com/webhook", "https://93.184.215.14/hook", "https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/x"})
    void publicHttpsTargetsAreAccepted(String url) {
        assertEquals(url, targets(null).checkRegistration(url).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://example.com/webhook", "ftp://example.com/x", "/relative", "https://user:pw@example.com/x",
            "https://localhost/x", "https://a.localhost/x", "https://127.0.0.1/x", "https://127.1/x", "https://2130706433/x",
            "https://10.1.2.3/x", "https://172.16.0.1/x", "https://192.168.1.1/x", "https://169.254.169.254/latest",
            "https://100.64.0.1/x", "https://0.0.0.0/x", "https://[::1]/x", "https://[fd00::1]/x", "https://[fe80::1]/x",
            "https://[::ffff:127.0.0.1]/x", "https://exa mple.com/x", ""})
    void privateInsecureOrMalformedTargetsAreRefused(String url) {
        ApiException refused = assertThrows(ApiException.class, () -> targets(null).checkRegistration(url));
        assertEquals(400, refused.status());
    }

    @Test
    void theOperatorAdmitsInternalHostsAndRangesOverHttp() {
        WebhookTargets targets = targets("hooks.internal, 127.0.0.1, 10.0.0.0/8");
        targets.checkRegistration("http://hooks.internal/x");
        targets.checkRegistration("http://127.0.0.1:8080/x");
        targets.checkRegistration("http://10.9.8.7/x");
        assertThrows(ApiException.class, () -> targets.checkRegistration("http://192.168.1.1/x"));
        assertThrows(ApiException.class, () -> targets.checkRegistration("http://other.internal/x"));
    }

    @Test
    void aNameThatResolvesToLoopbackIsRefusedBeforeTheAttempt() {
        assertTrue(targets(null).refusalBeforeAttempt("https://localhost/x").isPresent());
        assertTrue(targets(null).refusalBeforeAttempt("https://no-such-host.invalid/x").isPresent());
        assertFalse(targets("localhost").refusalBeforeAttempt("http://localhost/x").isPresent());
    }

    @Test
    void publicAddressesAreTold() throws Exception {
        assertTrue(WebhookTargets.publicAddress(InetAddress.getByName("8.8.8.8")));
        assertFalse(WebhookTargets.publicAddress(InetAddress.getByName("100.127.255.255")));
        assertFalse(WebhookTargets.publicAddress(InetAddress.getByName("255.255.255.255")));
        assertFalse(WebhookTargets.publicAddress(InetAddress.getByName("fc00::1")));
    }
}
