package havlakjmh;

import havlak.Builder;
import havlak.Rung;
import havlak.Workload;
import java.lang.reflect.Constructor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One loop finding on the canonical big graph (252,013 blocks), as the
 * workload's repeated findings do it: the same finder and one loop graph
 * refilled, under G1 with its default heap. JMH's figure for the steady state
 * that the programs time themselves (scripts/jmh.py compares the two).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-XX:+UseG1GC"})
public class FindingBenchmark {
  /** The program's rung class: java-top's, scala-top's. */
  @Param({"top.Main$Top", "scalatop.Top"})
  public String rung;

  private Rung.Finder<Builder, Rung.LoopGraph> finder;
  private Builder cfg;
  private Rung.LoopGraph graph;

  @Setup
  @SuppressWarnings("unchecked")
  public void buildTheGraph() throws ReflectiveOperationException {
    Constructor<?> make = Class.forName(rung).getDeclaredConstructor();
    make.setAccessible(true);  // java-top's rung is its Main's own
    Rung<Builder, Rung.LoopGraph> program = (Rung<Builder, Rung.LoopGraph>) make.newInstance();
    cfg = program.newCfg();
    new Workload(1).buildBigGraph(cfg);
    finder = program.newFinder();
    graph = program.newLoopGraph();
  }

  @Benchmark
  public int findLoops() {
    return finder.findLoops(cfg, graph);
  }
}
