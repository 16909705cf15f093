package dev.grantex.policies;

import com.cedarpolicy.value.EntityTypeName;
import dev.grantex.platform.errors.ApiException;
import java.util.Optional;

/**
 * Whether cedar-java's native library loaded. It cannot load on a server that neither sets
 * CEDAR_JAVA_FFI_LIB nor lets the library extract itself, nor in a second copy of the application in
 * the same JVM (a native library belongs to one class loader: after a redeploy in place, until the
 * server restarts). Cedar is then refused with a clear answer instead of an error on every use.
 */
final class CedarLibrary {
    private static final Optional<String> PROBLEM = probe();

    private CedarLibrary() {
    }

    private static Optional<String> probe() {
        try {
            // Its class initialiser loads the native library.
            EntityTypeName.parse("Grantex::Agent");
            return Optional.empty();
        } catch (LinkageError e) {
            return Optional.of("cedar-java's native library did not load (" + e
                    + "); point CEDAR_JAVA_FFI_LIB at libcedar_java_ffi.so");
        }
    }

    static Optional<String> problem() {
        return PROBLEM;
    }

    /** 503 when Cedar cannot run on this server. */
    static void require() {
        PROBLEM.ifPresent(problem -> {
            throw new ApiException(503, "SERVICE_UNAVAILABLE", "Cedar is not available on this server: " + problem);
        });
    }
}
