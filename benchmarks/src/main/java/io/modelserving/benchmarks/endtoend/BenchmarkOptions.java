package io.modelserving.benchmarks.endtoend;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * What one run of {@link EndToEndBenchmark} measures, parsed from its command line.
 *
 * <pre>{@code
 * BenchmarkOptions options = BenchmarkOptions.parse("--records", "20000", "--engine", "akka-streams");
 * BenchmarkOptions tiny = BenchmarkOptions.defaults().withRecords(500).withRounds(1);
 * int ffnnRecords = BenchmarkOptions.parse("--workload", "all").recordsFor(WorkloadKind.FFNN);   // 10,000
 * }</pre>
 *
 * @param records       records pre-loaded for each throughput run, for every workload; 0 gives each workload its
 *                      own default ({@link WorkloadKind#defaultRecords()})
 * @param workloads     the workloads measured, each with every pipeline
 * @param engines       the serving engines measured (the baselines always run)
 * @param rounds        model swaps measured per engine
 * @param rate          records per second sent while swaps are measured
 * @param partitions    partitions of the data and output topics
 * @param warmUpRecords records of an unmeasured first pass of every throughput pipeline (warms the JVM); 0 skips it
 * @param steadyPeriod  how long data flows before the first swap, and between swaps
 */
public record BenchmarkOptions(int records, Set<WorkloadKind> workloads, Set<Engine> engines, int rounds, int rate,
                               int partitions, int warmUpRecords, Duration steadyPeriod) {

    /** The usage text. */
    public static final String USAGE = """
            Usage: java -cp benchmarks.jar io.modelserving.benchmarks.endtoend.EndToEndBenchmark [options]
              --workload W       wine, ffnn or all (default wine): wine is 11 features and a linear model, where the
                                 pipeline is the cost; ffnn is 784 values and the Crayfish benchmark's network
                                 (../shared/data/crayfish-ffnn/model-ffnn.onnx from the repository's root, or a
                                 network of its shape built in code), where scoring is a cost too
              --records N        records pre-loaded per throughput run (default 50000 for wine, 10000 for ffnn)
              --engine E         kafka-streams, akka-streams, pekko-streams or all (default all)
              --rounds R         model swaps measured per engine and workload (default 5)
              --rate N           records/s sent while swaps are measured (default 500)
              --partitions P     partitions of the data and output topics (default 2)
              --warmup N         records of an unmeasured warm-up pass per pipeline, 0 for none (default 5000)
            """;

    public BenchmarkOptions {
        if (records < 0) {
            throw new IllegalArgumentException("records must be at least 1 (or 0 for each workload's default), was "
                    + records);
        }
        workloads = Collections.unmodifiableSet(EnumSet.copyOf(nonEmpty(workloads, "workloads")));
        engines = Collections.unmodifiableSet(EnumSet.copyOf(nonEmpty(engines, "engines")));
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

    /**
     * The wine workload with its 50,000 records, every engine, 5 swaps at 500 records/s, 2 partitions, 5,000 warm-up
     * records. Wine is the default because it is quick (about a minute here) and is what earlier runs measured.
     */
    public static BenchmarkOptions defaults() {
        return new BenchmarkOptions(0, EnumSet.of(WorkloadKind.WINE), EnumSet.allOf(Engine.class), 5, 500, 2, 5_000,
                Duration.ofSeconds(2));
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
                case "--workload" -> options.withWorkloads(workloads(value));
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

    /** Records per throughput run of {@code workload}: {@link #records()}, or the workload's default when 0. */
    public int recordsFor(WorkloadKind workload) {
        return records > 0 ? records : workload.defaultRecords();
    }

    /**
     * The same options with {@code value} records for every workload.
     *
     * @throws IllegalArgumentException when {@code value} is less than 1
     */
    public BenchmarkOptions withRecords(int value) {
        positive(value, "records");
        return new BenchmarkOptions(value, workloads, engines, rounds, rate, partitions, warmUpRecords, steadyPeriod);
    }

    public BenchmarkOptions withWorkloads(Set<WorkloadKind> value) {
        return new BenchmarkOptions(records, value, engines, rounds, rate, partitions, warmUpRecords, steadyPeriod);
    }

    public BenchmarkOptions withEngines(Set<Engine> value) {
        return new BenchmarkOptions(records, workloads, value, rounds, rate, partitions, warmUpRecords, steadyPeriod);
    }

    public BenchmarkOptions withRounds(int value) {
        return new BenchmarkOptions(records, workloads, engines, value, rate, partitions, warmUpRecords, steadyPeriod);
    }

    public BenchmarkOptions withRate(int value) {
        return new BenchmarkOptions(records, workloads, engines, rounds, value, partitions, warmUpRecords,
                steadyPeriod);
    }

    public BenchmarkOptions withPartitions(int value) {
        return new BenchmarkOptions(records, workloads, engines, rounds, rate, value, warmUpRecords, steadyPeriod);
    }

    public BenchmarkOptions withWarmUpRecords(int value) {
        return new BenchmarkOptions(records, workloads, engines, rounds, rate, partitions, value, steadyPeriod);
    }

    public BenchmarkOptions withSteadyPeriod(Duration value) {
        return new BenchmarkOptions(records, workloads, engines, rounds, rate, partitions, warmUpRecords, value);
    }

    private static Set<WorkloadKind> workloads(String value) {
        return "all".equalsIgnoreCase(value.trim()) ? EnumSet.allOf(WorkloadKind.class)
                : EnumSet.of(WorkloadKind.parse(value));
    }

    private static Set<Engine> engines(String value) {
        return "all".equalsIgnoreCase(value.trim()) ? EnumSet.allOf(Engine.class) : EnumSet.of(Engine.parse(value));
    }

    private static <T> Set<T> nonEmpty(Set<T> values, String what) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException(what + " must name at least one, was " + values);
        }
        return values;
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
