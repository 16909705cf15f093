package dev.grantex.policies;

import com.cedarpolicy.model.exception.CacheException;
import com.cedarpolicy.model.policy.PolicySet;
import dev.grantex.authorization.AuthorizationPolicy.Question;
import dev.grantex.authorization.AuthorizationPolicy.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One Cedar decision of the benchmark's bundle (written by bench/policies.py), as authorize asks it:
 * {@code sliced} is the server's way, against the policies that name the agent and those that name
 * no single agent; {@code whole} evaluates all of the bundle's policies, for comparison. Sampled, so
 * that the percentiles are printed. Run by bench/run; not a unit test.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CedarDecisionBenchmark {
    @Param("target/bench/cedar-bundle.cedar")
    public String bundle;

    @Param("ag_bench")
    public String agent;

    private CedarBundle sliced;
    private CedarBundle whole;
    private Question question;

    @Setup
    public void setUp() throws IOException, CacheException {
        String text = Files.readString(Path.of(bundle));
        sliced = CedarBundle.compile("pbnd_bench", "v1", text);
        PolicySet all = CedarBundle.parse(text);
        all.cache();
        whole = new CedarBundle("pbnd_bench", "v1", Map.of(), all, Map.of());
        question = Question.authorize("dev_bench", agent, "authorize-user-1", List.of("read"));
    }

    @Benchmark
    public Optional<Verdict> sliced() {
        return sliced.decide(question, Instant.now());
    }

    @Benchmark
    public Optional<Verdict> whole() {
        return whole.decide(question, Instant.now());
    }
}
