package dev.grantex.anomalies;

import dev.grantex.platform.timers.ScheduledJob;
import jakarta.ejb.ScheduleExpression;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every hour, on one node of the cluster (a persistent timer): detection for every developer, each
 * in a transaction of its own, without revoking anything (only POST /v1/anomalies/detect revokes).
 * It reads only recent activity through indexes, so it holds up no token issuance.
 */
@Singleton
public class AnomalyDetectionTimer extends ScheduledJob {
    /** The timer's info, which names it among the timers Liberty keeps in the database. */
    public static final String INFO = "grantex/anomaly-detection";
    private static final Logger LOG = Logger.getLogger(AnomalyDetectionTimer.class.getName());

    @PersistenceContext(unitName = "grantex")
    EntityManager em;

    @Inject
    AnomalyService anomalies;

    @Override
    protected String info() {
        return INFO;
    }

    @Override
    protected ScheduleExpression schedule() {
        return new ScheduleExpression().hour("*").minute("17");
    }

    @Override
    protected void run() {
        List<String> developers = em.createQuery("SELECT d.id FROM Developer d ORDER BY d.id", String.class).getResultList();
        int failed = 0;
        String firstFailure = null;
        for (String developerId : developers) {
            try {
                anomalies.detect(developerId, false);
            } catch (RuntimeException e) {
                failed++;
                if (firstFailure == null) {
                    firstFailure = developerId + ": " + e;
                }
                LOG.log(Level.FINE, "Anomaly detection failed for " + developerId, e);
            }
        }
        if (failed > 0) {
            // The first failure is named: a condition that keeps failing one developer's detection shows.
            LOG.warning("Anomaly detection failed for " + failed + " of " + developers.size()
                    + " developers (first " + firstFailure + "); it runs again in an hour");
        }
    }
}
