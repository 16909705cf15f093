package dev.grantex.usage;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;

/** A developer's counts for one UTC day, as far as the rollup has moved them into the database. */
@Entity
@Table(name = "usage_daily")
public class UsageDay {
    @Id
    private String id;

    @Column(name = "developer_id", nullable = false)
    private String developerId;

    @Column(name = "usage_date", nullable = false)
    private LocalDate date;

    @Column(name = "token_exchanges", nullable = false)
    private long tokenExchanges;

    @Column(nullable = false)
    private long authorizations;

    @Column(nullable = false)
    private long verifications;

    protected UsageDay() {
    }

    UsageDay(String id, String developerId, LocalDate date) {
        this.id = id;
        this.developerId = developerId;
        this.date = date;
    }

    void add(UsageCounts counts) {
        tokenExchanges += counts.tokenExchanges();
        authorizations += counts.authorizations();
        verifications += counts.verifications();
    }

    LocalDate date() {
        return date;
    }

    UsageCounts counts() {
        return new UsageCounts(tokenExchanges, authorizations, verifications);
    }
}
