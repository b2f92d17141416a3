package io.modelserving.benchmarks.endtoend;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * What one run of {@link EndToEndBenchmark} measures, parsed from its command line.
 *
 * <pre>{@code
 * BenchmarkOptions options = BenchmarkOptions.parse("--records", "20000", "--engine", "akka-streams");
 * BenchmarkOptions tiny = BenchmarkOptions.defaults().withRecords(500).withRounds(1);
 * }</pre>
 *
 * @param records       records pre-loaded for each throughput run
 * @param engines       the serving engines measured (the baselines always run)
 * @param rounds        model swaps measured per engine
 * @param rate          records per second sent while swaps are measured
 * @param partitions    partitions of the data and output topics
 * @param warmUpRecords records of an unmeasured first pass of every throughput pipeline (warms the JVM); 0 skips it
 * @param steadyPeriod  how long data flows before the first swap, and between swaps
 */
public record BenchmarkOptions(int records, Set<Engine> engines, int rounds, int rate, int partitions,
                               int warmUpRecords, Duration steadyPeriod) {

    /** The usage text. */
    public static final String USAGE = """
            Usage: java -cp benchmarks.jar io.modelserving.benchmarks.endtoend.EndToEndBenchmark [options]
              --records N        records pre-loaded per throughput run (default 50000)
              --engine E         kafka-streams, akka-streams, pekko-streams or all (default all)
              --rounds R         model swaps measured per engine (default 5)
              --rate N           records/s sent while swaps are measured (default 500)
              --partitions P     partitions of the data and output topics (default 2)
              --warmup N         records of an unmeasured warm-up pass per pipeline, 0 for none (default 5000)
            """;

    public BenchmarkOptions {
        positive(records, "records");
        engines = Set.copyOf(engines);
        if (engines.isEmpty()) {
            throw new IllegalArgumentException("engines must name at least one engine, was " + engines);
        }
        positive(rounds, "rounds");
        positive(rate, "rate");
        positive(partitions, "partitions");
        if (warmUpRecords < 0) {
            throw new IllegalArgumentException("warmup must be 0 or more, was " + warmUpRecords);
        }
        if (steadyPeriod == null || steadyPeriod.isNegative()) {
            throw new IllegalArgumentException("steady period must be zero or positive, was " + steadyPeriod);
        }
    }

    /** 50,000 records, every engine, 5 swaps at 500 records/s, 2 partitions, 5,000 warm-up records. */
    public static BenchmarkOptions defaults() {
        return new BenchmarkOptions(50_000, EnumSet.allOf(Engine.class), 5, 500, 2, 5_000, Duration.ofSeconds(2));
    }

    /**
     * Options from command-line arguments, on top of {@link #defaults()}.
     *
     * @throws IllegalArgumentException naming the bad argument or value
     */
    public static BenchmarkOptions parse(String... args) {
        BenchmarkOptions options = defaults();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Missing value after '" + flag + "'");
            }
            String value = args[++i];
            options = switch (flag) {
                case "--records" -> options.withRecords(number(flag, value));
                case "--engine" -> options.withEngines(engines(value));
                case "--rounds" -> options.withRounds(number(flag, value));
                case "--rate" -> options.withRate(number(flag, value));
                case "--partitions" -> options.withPartitions(number(flag, value));
                case "--warmup" -> options.withWarmUpRecords(number(flag, value));
                default -> throw new IllegalArgumentException("Unknown option '" + flag + "'");
            };
        }
        return options;
    }

    public BenchmarkOptions withRecords(int value) {
        return new BenchmarkOptions(value, engines, rounds, rate, partitions, warmUpRecords, steadyPeriod);
    }

    public BenchmarkOptions withEngines(Set<Engine> value) {
        return new BenchmarkOptions(records, value, rounds, rate, partitions, warmUpRecords, steadyPeriod);
    }

    public BenchmarkOptions withRounds(int value) {
        return new BenchmarkOptions(records, engines, value, rate, partitions, warmUpRecords, steadyPeriod);
    }

    public BenchmarkOptions withRate(int value) {
        return new BenchmarkOptions(records, engines, rounds, value, partitions, warmUpRecords, steadyPeriod);
    }

    public BenchmarkOptions withPartitions(int value) {
        return new BenchmarkOptions(records, engines, rounds, rate, value, warmUpRecords, steadyPeriod);
    }

    public BenchmarkOptions withWarmUpRecords(int value) {
        return new BenchmarkOptions(records, engines, rounds, rate, partitions, value, steadyPeriod);
    }

    public BenchmarkOptions withSteadyPeriod(Duration value) {
        return new BenchmarkOptions(records, engines, rounds, rate, partitions, warmUpRecords, value);
    }

    private static Set<Engine> engines(String value) {
        return "all".equalsIgnoreCase(value.trim()) ? EnumSet.allOf(Engine.class) : EnumSet.of(Engine.parse(value));
    }

    private static int number(String flag, String value) {
        try {
            return Integer.parseInt(value.trim().replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " needs a whole number, was '" + value + "'", e);
        }
    }

    private static void positive(int value, String what) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, was " + value);
        }
    }
}
