package dev.grantex.webhooks;

import dev.grantex.platform.errors.ApiException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where webhooks may point. By default only https URLs of public addresses: no loopback, link-local,
 * private, carrier-grade NAT, unique-local or unspecified addresses, so a webhook cannot make the
 * server call into its own network. The URL is checked when it is registered (its literal host; no
 * DNS) and its host's addresses again before every attempt, so a name that later resolves to
 * 127.0.0.1 (DNS rebinding) is refused then. GRANTEX_WEBHOOK_ALLOWED_TARGETS lists host names and
 * CIDR ranges (or single addresses) that are admitted anyway, over http or https.
 */
@ApplicationScoped
public class WebhookTargets {
    static final int MAX_URL_LENGTH = 2048;
    private static final Pattern NUMERIC_HOST = Pattern.compile("^[0-9.]+$");

    @Inject
    @ConfigProperty(name = "grantex.webhook.allowed-targets")
    Optional<String> allowedTargets;

    private final Set<String> allowedHosts = new HashSet<>();
    private final List<AddressRange> allowedRanges = new ArrayList<>();

    @PostConstruct
    void readSettings() {
        for (String entry : allowedTargets.orElse("").split(",")) {
            String target = entry.trim().toLowerCase(Locale.ROOT);
            if (target.isEmpty()) {
                continue;
            }
            if (target.contains("/") || literalAddress(target).isPresent()) {
                allowedRanges.add(AddressRange.parse(target));
            } else {
                allowedHosts.add(target);
            }
        }
    }

    /** The URL as registered, or 400 saying what is wrong with it. */
    public URI checkRegistration(String url) {
        if (url == null || url.isBlank()) {
            throw ApiException.badRequest("url is required");
        }
        if (url.length() > MAX_URL_LENGTH) {
            throw ApiException.badRequest("url is longer than " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw ApiException.badRequest("url must be an absolute http(s) URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
            throw ApiException.badRequest("url must be an absolute http(s) URL with a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw ApiException.badRequest("url must not carry credentials");
        }
        String host = host(uri);
        Optional<InetAddress> literal = literalAddress(host);
        boolean admitted = allowedHosts.contains(host) || literal.filter(this::inAllowedRange).isPresent();
        if (admitted) {
            return uri;
        }
        if (!scheme.equals("https")) {
            throw ApiException.badRequest("url must use https (http is admitted only for the hosts in "
                    + "GRANTEX_WEBHOOK_ALLOWED_TARGETS)");
        }
        if (host.equals("localhost") || host.endsWith(".localhost")
                || literal.filter(address -> !publicAddress(address)).isPresent()) {
            throw ApiException.badRequest("url must not point to a loopback, link-local or private address");
        }
        return uri;
    }

    /**
     * Why an attempt to {@code url} must not be made now, after resolving its host; empty when it may.
     * The JVM caches the lookup, so the request that follows connects to the address checked here.
     */
    Optional<String> refusalBeforeAttempt(String url) {
        URI uri = URI.create(url);
        String host = host(uri);
        if (allowedHosts.contains(host)) {
            return Optional.empty();
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return Optional.of("Cannot resolve " + host);
        }
        for (InetAddress address : addresses) {
            if (!publicAddress(address) && !inAllowedRange(address)) {
                return Optional.of(host + " resolves to " + address.getHostAddress()
                        + ", a loopback, link-local or private address");
            }
        }
        return Optional.empty();
    }

    private boolean inAllowedRange(InetAddress address) {
        return allowedRanges.stream().anyMatch(range -> range.contains(address));
    }

    private static String host(URI uri) {
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** The address a host names literally (IPv4 in any numeric form, or IPv6), without DNS. */
    static Optional<InetAddress> literalAddress(String host) {
        if (!(NUMERIC_HOST.matcher(host).matches() || host.contains(":"))) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(host));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    static boolean publicAddress(InetAddress address) {
        if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            boolean carrierGradeNat = first == 100 && second >= 64 && second < 128;
            return first != 0 && !carrierGradeNat && !(first == 255 && (bytes[3] & 0xff) == 255);
        }
        boolean uniqueLocal = (bytes[0] & 0xfe) == 0xfc;
        return !uniqueLocal;
    }

    /** A CIDR range such as 10.0.0.0/8 or fd00::/8; a single address is its own range. */
    record AddressRange(BigInteger network, int prefix, int bits) {
        static AddressRange parse(String text) {
            String[] parts = text.split("/", 2);
            InetAddress base = literalAddress(parts[0]).orElseThrow(() -> new IllegalStateException(
                    "GRANTEX_WEBHOOK_ALLOWED_TARGETS: '" + text + "' is neither a host name nor an address range"));
            int bits = base.getAddress().length * 8;
            int prefix;
            try {
                prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : bits;
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalStateException("GRANTEX_WEBHOOK_ALLOWED_TARGETS: bad prefix length in '" + text + "'");
            }
            return new AddressRange(masked(new BigInteger(1, base.getAddress()), prefix, bits), prefix, bits);
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            return bytes.length * 8 == bits && masked(new BigInteger(1, bytes), prefix, bits).equals(network);
        }

        private static BigInteger masked(BigInteger value, int prefix, int bits) {
            return value.shiftRight(bits - prefix);
        }
    }
}
