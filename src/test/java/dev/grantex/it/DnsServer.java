package dev.grantex.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real DNS server for the tests: Debian's dnsmasq on 127.0.0.1:5354 (the IT server's
 * GRANTEX_DNS_RESOLVER), serving the TXT records a test gives it and nothing else; one at a time, so
 * close it before starting another. Tests skip where dnsmasq is not installed, except under CI, which installs it.
 */
public final class DnsServer implements AutoCloseable {
    public static final int PORT = 5354;
    private static final Path DNSMASQ = Path.of("/usr/sbin/dnsmasq");

    private final Process process;

    private DnsServer(Process process) {
        this.process = process;
    }

    /** Serves these TXT records (name → value) until closed. */
    public static DnsServer serving(Map<String, String> txtRecords) {
        assumeTrue(Files.isExecutable(DNSMASQ) || System.getenv("CI") != null, "needs dnsmasq (Debian's dnsmasq-base)");
        List<String> command = new ArrayList<>(List.of(DNSMASQ.toString(), "--keep-in-foreground", "--port=" + PORT,
                "--listen-address=127.0.0.1", "--bind-interfaces", "--no-resolv", "--no-hosts", "--pid-file=",
                "--user=" + System.getProperty("user.name"), "--conf-file=/dev/null", "--log-facility=-"));
        txtRecords.forEach((name, value) -> command.add("--txt-record=" + name + "," + value));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            DnsServer server = new DnsServer(process);
            server.awaitAnswers();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("dnsmasq did not start", e);
        }
    }

    /** Waits until the server answers a query (any answer) on its port. */
    private void awaitAnswers() throws IOException {
        byte[] query = {0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 4, 'p', 'i', 'n', 'g', 0, 0, 16, 0, 1};
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(200);
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("dnsmasq exited with " + process.exitValue());
                }
                socket.send(new DatagramPacket(query, query.length, InetAddress.getLoopbackAddress(), PORT));
                try {
                    socket.receive(new DatagramPacket(new byte[512], 512));
                    return;
                } catch (SocketTimeoutException notYet) {
                    // not listening yet
                }
            }
        }
        close();
        throw new IllegalStateException("dnsmasq did not answer on port " + PORT);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
