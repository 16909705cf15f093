package dev.grantex.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Direct access to the server's database, for tests that change rows behind the server's back. */
public final class ItDatabase {
    private ItDatabase() {
    }

    /** A connection to the server's PostgreSQL database; the test is skipped on the embedded one. */
    public static Connection postgres() throws SQLException {
        String url = System.getenv("GRANTEX_DB_URL");
        assumeTrue(url != null && url.startsWith("jdbc:postgresql:"),
                "needs PostgreSQL: the embedded database is held by the server");
        return DriverManager.getConnection(url, System.getenv("GRANTEX_DB_USER"), System.getenv("GRANTEX_DB_PASSWORD"));
    }
}
