package dev.grantex.faults;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A PostgreSQL cluster of the fault suite's own, on a spare port, made with Debian's
 * pg_createcluster, so that it can be crashed without touching the machine's shared server.
 */
final class PostgresCluster {
    static final String NAME = "grantex_faults";

    private final String version;
    private final int port;

    private PostgresCluster(String version, int port) {
        this.version = version;
        this.port = port;
    }

    static boolean available() {
        return Commands.exists("pg_createcluster") && Files.isDirectory(Path.of("/etc/postgresql"));
    }

    /** A new, empty cluster with a database named grantex, started; a leftover one of an earlier run is dropped first. */
    static PostgresCluster create(int port) throws Exception {
        String version;
        try (var versions = Files.list(Path.of("/etc/postgresql"))) {
            version = versions.map(p -> p.getFileName().toString()).sorted().reduce((a, b) -> b).orElseThrow();
        }
        PostgresCluster cluster = new PostgresCluster(version, port);
        if (Files.isDirectory(Path.of("/etc/postgresql", version, NAME))) {
            cluster.drop();
        }
        Commands.run("pg_createcluster", "-p", Integer.toString(port), version, NAME, "--", "--auth=trust");
        cluster.start();
        Commands.run("psql", "-q", "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", "postgres",
                "-c", "CREATE DATABASE grantex");
        return cluster;
    }

    /**
     * Starts the cluster, trying again for a while, and when it will not start the failure carries
     * the end of its log. (Its port, in faults.env, lies below the kernel's ephemeral range: a CI run
     * could not restart it on 55432, most likely because a client socket had taken that port while
     * the cluster was down.)
     */
    void start() {
        for (int attempt = 1; Commands.runAllowingFailure("pg_ctlcluster", "--skip-systemctl-redirect", version, NAME,
                "start") == null; attempt++) {
            if (attempt == 10) {
                String log = Commands.runAllowingFailure("tail", "-n", "30",
                        "/var/log/postgresql/postgresql-" + version + "-" + NAME + ".log");
                throw new IllegalStateException("the cluster " + NAME + " did not start; its log ends with:\n" + log);
            }
            Commands.sleep(2000);
        }
        for (int i = 0; i < 60 && Commands.runAllowingFailure("pg_isready", "-q", "-h", "127.0.0.1", "-p",
                Integer.toString(port)) == null; i++) {
            Commands.sleep(500);
        }
    }

    /** As a crash: no checkpoint, no goodbye to the clients; only what was made durable survives. */
    void crash() {
        Commands.run("pg_ctlcluster", "--skip-systemctl-redirect", version, NAME, "stop", "-m", "immediate");
    }

    void drop() {
        Commands.runAllowingFailure("pg_dropcluster", "--stop", version, NAME);
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/grantex";
    }
}
