package io.modelserving.benchmarks.endtoend;

import io.modelserving.kafka.DeliveryGuarantee;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one run of {@link EndToEndBenchmark} measures, parsed from its command line: a {@link Mode} gives every
 * value, and flags after it override single ones.
 *
 * <pre>{@code
 * BenchmarkOptions quick = BenchmarkOptions.parse();                                   // Mode.QUICK
 * BenchmarkOptions full = BenchmarkOptions.parse("--mode", "full", "--chart", "docs/benchmarks.svg");
 * BenchmarkOptions akka = BenchmarkOptions.parse("--engine", "akka-streams", "--partitions", "1,2,4");
 * }</pre>
 *
 * @param mode          the preset the values started from (the report names it)
 * @param records       records pre-loaded for each throughput run, for every workload; 0 gives each workload its
 *                      own default ({@link WorkloadKind#defaultRecords()})
 * @param workloads     the workloads measured, each with every pipeline
 * @param engines       the serving engines measured (the baselines always run)
 * @param guarantees    the delivery guarantees every throughput pipeline runs at
 * @param partitions    the partition counts of the data and output topics, each run with as many threads
 * @param repeat        how often each throughput run is repeated; the report gives medians
 * @param rounds        swaps of the small model measured per engine
 * @param largeRounds   swaps of the large (about 10 MB) model measured per engine, 0 for none
 * @param rate          records per second sent while swaps are measured
 * @param warmUpRecords records of an unmeasured first pass of every throughput pipeline (warms the JVM); 0 skips it
 * @param steadyPeriod  how long data flows before the first swap, and between small-model swaps (half as long
 *                      between large-model ones)
 * @param chart         where to write the SVG chart of the run; null for none
 */
public record BenchmarkOptions(Mode mode, int records, Set<WorkloadKind> workloads, Set<Engine> engines,
                               Set<DeliveryGuarantee> guarantees, List<Integer> partitions, int repeat, int rounds,
                               int largeRounds, int rate, int warmUpRecords, Duration steadyPeriod, Path chart) {

    /** The usage text. */
    public static final String USAGE = """
            Usage: java -cp benchmarks.jar io.modelserving.benchmarks.endtoend.EndToEndBenchmark [options]
              --mode M           quick (default; under 2 minutes on 2 cores): the wine workload, at-least-once,
                                 2 partitions, 5 small and 3 large model swaps per engine;
                                 full (under 10 minutes): both workloads, at-least-once and exactly-once, on 1, 2
                                 and 4 partitions, 5 small and 20 large model swaps per engine.
                                 The flags below override single values of the mode.
              --workload W       wine, ffnn or all: wine is 11 features and a linear model, where the pipeline is the
                                 cost; ffnn is 784 values and the Crayfish benchmark's network
                                 (../shared/data/crayfish-ffnn/model-ffnn.onnx from the repository's root, or a
                                 network of its shape built in code), where scoring is a cost too
              --records N        records pre-loaded per throughput run (default 20000 in quick mode; in full mode
                                 20000 for wine, 5000 for ffnn)
              --engine E         kafka-streams, akka-streams, pekko-streams or all (default all)
              --guarantee G      at-least-once, exactly-once or all
              --partitions P     partitions of the data and output topics, a list such as 1,2,4; every pipeline
                                 runs with as many stream threads, scoring workers or consumer threads
              --repeat N         runs of each throughput measurement; the report gives medians (default 1)
              --rounds R         small-model swaps measured per engine (default 5)
              --large-rounds R   swaps of a model of about 10 MB per engine, 0 for none
              --rate N           records/s sent while swaps are measured (default 500)
              --warmup N         records of an unmeasured warm-up pass per pipeline, 0 for none (default 1000)
              --chart FILE       also write the run as an SVG chart, e.g. docs/benchmarks.svg
            """;

    /** A preset of every value. */
    public enum Mode {
        /** One workload, one guarantee, one partition count: a first look in under 2 minutes. */
        QUICK,
        /** The whole matrix the report and the chart are made for, in under 10 minutes. */
        FULL;

        /** The name used on the command line. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Mode parse(String text) {
            for (Mode mode : values()) {
                if (mode.label().equalsIgnoreCase(text.trim())) {
                    return mode;
                }
            }
            throw new IllegalArgumentException("Unknown mode '" + text + "': use quick or full");
        }
    }

    public BenchmarkOptions {
        if (mode == null) {
            throw new IllegalArgumentException("mode must be quick or full");
        }
        if (records < 0) {
            throw new IllegalArgumentException("records must be at least 1 (or 0 for each workload's default), was "
                    + records);
        }
        workloads = Collections.unmodifiableSet(EnumSet.copyOf(nonEmpty(workloads, "workloads")));
        engines = Collections.unmodifiableSet(EnumSet.copyOf(nonEmpty(engines, "engines")));
        guarantees = Collections.unmodifiableSet(EnumSet.copyOf(nonEmpty(guarantees, "guarantees")));
        guarantees.forEach(g -> new PipelineSetup(g, 1)); // refuses at-most-once
        partitions = List.copyOf(new TreeSet<>(nonEmpty(partitions, "partitions")));
        partitions.forEach(p -> positive(p, "partitions"));
        positive(repeat, "repeat");
        positive(rounds, "rounds");
        notNegative(largeRounds, "large-rounds");
        positive(rate, "rate");
        notNegative(warmUpRecords, "warmup");
        if (steadyPeriod == null || steadyPeriod.isNegative()) {
            throw new IllegalArgumentException("steady period must be zero or positive, was " + steadyPeriod);
        }
    }

    /** The preset values of {@code mode}. */
    public static BenchmarkOptions of(Mode mode) {
        return switch (mode) {
            case QUICK -> new BenchmarkOptions(mode, 20_000, EnumSet.of(WorkloadKind.WINE),
                    EnumSet.allOf(Engine.class), EnumSet.of(DeliveryGuarantee.AT_LEAST_ONCE), List.of(2), 1, 5, 3,
                    500, 1_000, Duration.ofSeconds(1), null);
            case FULL -> new BenchmarkOptions(mode, 0, EnumSet.allOf(WorkloadKind.class),
                    EnumSet.allOf(Engine.class),
                    EnumSet.of(DeliveryGuarantee.AT_LEAST_ONCE, DeliveryGuarantee.EXACTLY_ONCE), List.of(1, 2, 4), 1,
                    5, 20, 500, 1_000, Duration.ofSeconds(1), null);
        };
    }

    /** The quick mode's values. */
    public static BenchmarkOptions defaults() {
        return of(Mode.QUICK);
    }

    /**
     * Options from command-line arguments: the values of {@code --mode} (quick when absent), then every other flag
     * in order.
     *
     * @throws IllegalArgumentException naming the bad argument or value
     */
    public static BenchmarkOptions parse(String... args) {
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("Missing value after '" + args[args.length - 1] + "'");
        }
        Mode mode = Mode.QUICK;
        for (int i = 0; i < args.length; i += 2) {
            if (args[i].equals("--mode")) {
                mode = Mode.parse(args[i + 1]);
            }
        }
        BenchmarkOptions options = of(mode);
        for (int i = 0; i < args.length; i += 2) {
            String flag = args[i];
            String value = args[i + 1];
            options = switch (flag) {
                case "--mode" -> options;
                case "--records" -> options.withRecords(number(flag, value));
                case "--workload" -> options.withWorkloads(workloads(value));
                case "--engine" -> options.withEngines(engines(value));
                case "--guarantee" -> options.withGuarantees(guarantees(value));
                case "--partitions" -> options.withPartitions(numbers(flag, value));
                case "--repeat" -> options.withRepeat(number(flag, value));
                case "--rounds" -> options.withRounds(number(flag, value));
                case "--large-rounds" -> options.withLargeRounds(number(flag, value));
                case "--rate" -> options.withRate(number(flag, value));
                case "--warmup" -> options.withWarmUpRecords(number(flag, value));
                case "--chart" -> options.withChart(Path.of(value));
                default -> throw new IllegalArgumentException("Unknown option '" + flag + "'");
            };
        }
        return options;
    }

    /** Records per throughput run of {@code workload}: {@link #records()}, or the workload's default when 0. */
    public int recordsFor(WorkloadKind workload) {
        return records > 0 ? records : workload.defaultRecords();
    }

    /** Partitions of the swap runs: 2 when the sweep has it (the default setup), else its first count. */
    public int swapPartitions() {
        return partitions.contains(2) ? 2 : partitions.get(0);
    }

    /**
     * The same options with {@code value} records for every workload.
     *
     * @throws IllegalArgumentException when {@code value} is less than 1
     */
    public BenchmarkOptions withRecords(int value) {
        positive(value, "records");
        return new BenchmarkOptions(mode, value, workloads, engines, guarantees, partitions, repeat, rounds,
                largeRounds, rate, warmUpRecords, steadyPeriod, chart);
    }

    public BenchmarkOptions withWorkloads(Set<WorkloadKind> value) {
        return new BenchmarkOptions(mode, records, value, engines, guarantees, partitions, repeat, rounds,
                largeRounds, rate, warmUpRecords, steadyPeriod, chart);
    }

    public BenchmarkOptions withEngines(Set<Engine> value) {
        return new BenchmarkOptions(mode, records, workloads, value, guarantees, partitions, repeat, rounds,
                largeRounds, rate, warmUpRecords, steadyPeriod, chart);
    }

    public BenchmarkOptions withGuarantees(Set<DeliveryGuarantee> value) {
        return new BenchmarkOptions(mode, records, workloads, engines, value, partitions, repeat, rounds,
                largeRounds, rate, warmUpRecords, steadyPeriod, chart);
    }

    public BenchmarkOptions withPartitions(List<Integer> value) {
        return new BenchmarkOptions(mode, records, workloads, engines, guarantees, value, repeat, rounds,
                largeRounds, rate, warmUpRecords, steadyPeriod, chart);
    }

    public BenchmarkOptions withRepeat(int value) {
        return new BenchmarkOptions(mode, records, workloads, engines, guarantees, partitions, value, rounds,
                largeRounds, rate, warmUpRecords, steadyPeriod, chart);
    }

    public BenchmarkOptions withRounds(int value) {
        return new BenchmarkOptions(mode, records, workloads, engines, guarantees, partitions, repeat, value,
                largeRounds, rate, warmUpRecords, steadyPeriod, chart);
    }

    public BenchmarkOptions withLargeRounds(int value) {
        return new BenchmarkOptions(mode, records, workloads, engines, guarantees, partitions, repeat, rounds,
                value, rate, warmUpRecords, steadyPeriod, chart);
    }

    public BenchmarkOptions withRate(int value) {
        return new BenchmarkOptions(mode, records, workloads, engines, guarantees, partitions, repeat, rounds,
                largeRounds, value, warmUpRecords, steadyPeriod, chart);
    }

    public BenchmarkOptions withWarmUpRecords(int value) {
        return new BenchmarkOptions(mode, records, workloads, engines, guarantees, partitions, repeat, rounds,
                largeRounds, rate, value, steadyPeriod, chart);
    }

    public BenchmarkOptions withSteadyPeriod(Duration value) {
        return new BenchmarkOptions(mode, records, workloads, engines, guarantees, partitions, repeat, rounds,
                largeRounds, rate, warmUpRecords, value, chart);
    }

    public BenchmarkOptions withChart(Path value) {
        return new BenchmarkOptions(mode, records, workloads, engines, guarantees, partitions, repeat, rounds,
                largeRounds, rate, warmUpRecords, steadyPeriod, value);
    }

    private static Set<WorkloadKind> workloads(String value) {
        return "all".equalsIgnoreCase(value.trim()) ? EnumSet.allOf(WorkloadKind.class)
                : EnumSet.of(WorkloadKind.parse(value));
    }

    private static Set<Engine> engines(String value) {
        return "all".equalsIgnoreCase(value.trim()) ? EnumSet.allOf(Engine.class) : EnumSet.of(Engine.parse(value));
    }

    private static Set<DeliveryGuarantee> guarantees(String value) {
        if ("all".equalsIgnoreCase(value.trim())) {
            return EnumSet.of(DeliveryGuarantee.AT_LEAST_ONCE, DeliveryGuarantee.EXACTLY_ONCE);
        }
        DeliveryGuarantee guarantee = DeliveryGuarantee.parse(value);
        if (guarantee == DeliveryGuarantee.AT_MOST_ONCE) {
            throw new IllegalArgumentException("--guarantee takes at-least-once, exactly-once or all, was '" + value
                    + "'");
        }
        return EnumSet.of(guarantee);
    }

    private static <C extends java.util.Collection<?>> C nonEmpty(C values, String what) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException(what + " must name at least one, was " + values);
        }
        return values;
    }

    private static List<Integer> numbers(String flag, String value) {
        List<Integer> numbers = new ArrayList<>();
        for (String part : value.split(",")) {
            numbers.add(number(flag, part));
        }
        return numbers;
    }

    private static int number(String flag, String value) {
        try {
            return Integer.parseInt(value.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " needs a whole number, was '" + value + "'", e);
        }
    }

    private static void positive(int value, String what) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, was " + value);
        }
    }

    private static void notNegative(int value, String what) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " must be 0 or more, was " + value);
        }
    }
}
