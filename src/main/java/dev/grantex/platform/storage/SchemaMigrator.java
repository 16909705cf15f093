package dev.grantex.platform.storage;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.interceptor.Interceptor;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Brings the database to the current schema before anything else starts. The migrations are the
 * files of sql/ (packaged as db/migration). A failed migration stops the application from starting.
 */
@ApplicationScoped
public class SchemaMigrator {
    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());

    @Resource(lookup = "jdbc/grantex")
    DataSource dataSource;

    private volatile boolean migrated;

    void migrate(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) Startup startup) throws SQLException {
        var result = Flyway.configure(SchemaMigrator.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .placeholders(Map.of("large_text", largeTextType()))
                // The persistent-timer tables may already be there; they are not ours to migrate.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        LOG.info("Database schema at version " + result.targetSchemaVersion + " (" + result.migrationsExecuted
                + " migrations applied now)");
        migrated = true;
    }

    /** The one column type the two databases do not share: text of any length. */
    private String largeTextType() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().contains("Derby") ? "CLOB" : "TEXT";
        }
    }

    /** Whether the schema is up to date; EJB timers start before the application does and wait for it. */
    public boolean migrated() {
        return migrated;
    }
}
