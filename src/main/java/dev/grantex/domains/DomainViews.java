package dev.grantex.domains;

import dev.grantex.platform.Timestamps;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON shapes of /v1/domains. */
public final class DomainViews {
    private DomainViews() {
    }

    public record AddDomainRequest(@Schema(required = true, description = "A DNS host name of at least two labels, not an IP address")
                                   String domain) {
    }

    public record AddedDomain(String id, String domain, boolean verified, String verificationToken, String instructions) {
        static AddedDomain of(CustomDomain domain) {
            return new AddedDomain(domain.id(), domain.domain(), domain.verified(), domain.verificationToken(),
                    "Add a DNS TXT record: " + domain.recordName() + " = " + domain.verificationToken());
        }
    }

    public record DomainView(String id, String domain, boolean verified, String verifiedAt, String createdAt) {
        static DomainView of(CustomDomain domain) {
            return new DomainView(domain.id(), domain.domain(), domain.verified(),
                    domain.verifiedAt() == null ? null : Timestamps.format(domain.verifiedAt()),
                    Timestamps.format(domain.createdAt()));
        }
    }

    public record DomainList(List<DomainView> domains) {
    }

    public record VerifiedDomain(boolean verified, String message) {
    }
}
