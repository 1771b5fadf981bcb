package spk.bench.spec;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import spk.grammar.option.OptionMap;
import spk.spec.SpecLoader;

/** Load + render + validate of 10,000 generated recipes, on one thread; the score is recipes per second. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class RecipeLoadBenchmark {
    static final int RECIPES = 10_000;

    private List<String> texts;
    private SpecLoader loader;

    @Setup(Level.Trial)
    public void setUp() {
        texts = RecipeGenerator.generate(RECIPES, 42);
        loader = new SpecLoader("0.44.0", Map.of());
    }

    @Benchmark
    @OperationsPerInvocation(RECIPES)
    public void loadAll(Blackhole bh) {
        for (String t : texts) {
            bh.consume(loader.loadText("generated.spk.yaml", t, OptionMap.EMPTY).spec());
        }
    }
}
