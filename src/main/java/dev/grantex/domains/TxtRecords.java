package dev.grantex.domains;

import dev.grantex.platform.errors.ApiException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * DNS TXT look-ups for proving control of a domain, through GRANTEX_DNS_RESOLVER (host or host:port)
 * or the system's resolvers. Nothing is cached here, so a record just added is seen at once (as far
 * as the resolver itself allows).
 */
@ApplicationScoped
public class TxtRecords {
    /** The resolver could not answer (as opposed to: the name has no TXT record). */
    public static final class LookupFailed extends Exception {
        LookupFailed(String message) {
            super(message, null, false, false);
        }
    }

    @Inject
    @ConfigProperty(name = "grantex.dns.resolver")
    Optional<String> configured;

    @Inject
    @ConfigProperty(name = "grantex.dns.timeout-seconds", defaultValue = "5")
    int timeoutSeconds;

    /**
     * Look-ups under way on this node at most. A name server that never answers holds a request
     * thread (and its transaction's connection) for the whole timeout; without a bound, a few such
     * verifications at once would hold every request thread of the node.
     */
    static final int MAX_CONCURRENT = 2;

    private final Semaphore underWay = new Semaphore(MAX_CONCURRENT);
    private Resolver resolver;

    @PostConstruct
    void createResolver() {
        try {
            resolver = configured.map(String::trim).filter(r -> !r.isEmpty()).map(TxtRecords::simple)
                    .orElseGet(Lookup::getDefaultResolver);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("GRANTEX_DNS_RESOLVER must be a host or host:port: " + e.getMessage(), e);
        }
        resolver.setTimeout(Duration.ofSeconds(timeoutSeconds));
    }

    private static Resolver simple(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        boolean hasPort = colon > 0 && hostAndPort.indexOf(':') == colon;
        try {
            SimpleResolver simple = new SimpleResolver(hasPort ? hostAndPort.substring(0, colon) : hostAndPort);
            if (hasPort) {
                simple.setPort(Integer.parseInt(hostAndPort.substring(colon + 1)));
            }
            return simple;
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException(hostAndPort, e);
        }
    }

    /**
     * The TXT values of the name (each record's strings joined); empty when it has none. 503 while
     * {@link #MAX_CONCURRENT} look-ups are under way.
     */
    public List<String> lookup(String name) throws LookupFailed {
        if (!underWay.tryAcquire()) {
            throw new ApiException(503, "SERVICE_UNAVAILABLE", "Too many DNS look-ups are under way on this server; "
                    + "try again in a few seconds");
        }
        try {
            return run(name);
        } finally {
            underWay.release();
        }
    }

    private List<String> run(String name) throws LookupFailed {
        Lookup lookup;
        try {
            lookup = new Lookup(Name.fromString(name, Name.root), Type.TXT);
        } catch (TextParseException e) {
            throw new LookupFailed("Not a DNS name: " + name);
        }
        lookup.setResolver(resolver);
        lookup.setCache(null);
        Record[] records = lookup.run();
        return switch (lookup.getResult()) {
            case Lookup.SUCCESSFUL -> {
                List<String> values = new ArrayList<>();
                for (Record record : records) {
                    if (record instanceof TXTRecord txt) {
                        values.add(String.join("", txt.getStrings()));
                    }
                }
                yield values;
            }
            case Lookup.HOST_NOT_FOUND, Lookup.TYPE_NOT_FOUND -> List.of();
            default -> throw new LookupFailed("The DNS look-up of " + name + " failed: " + lookup.getErrorString());
        };
    }
}
