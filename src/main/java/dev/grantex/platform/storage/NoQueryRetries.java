package dev.grantex.platform.storage;

import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.sessions.Session;

/**
 * EclipseLink retries a statement whose connection was lost three times, five seconds apart, by
 * default: during a database outage a request then waited 15 s before its answer. The container's
 * pool already replaces broken connections, so a lost connection fails the request at once (503
 * SERVICE_UNAVAILABLE) and the client retries.
 */
public class NoQueryRetries implements SessionCustomizer {
    @Override
    public void customize(Session session) {
        session.getLogin().setQueryRetryAttemptCount(0);
        session.getLogin().setDelayBetweenConnectionAttempts(0);
    }
}
