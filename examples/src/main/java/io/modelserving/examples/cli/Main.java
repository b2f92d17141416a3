package io.modelserving.examples.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar modelserving-examples.jar <command>}: the original talk's system, one microservice per
 * subcommand, or all of them at once with {@code demo}.
 *
 * <p>Exit codes, the same for every subcommand:
 * <ul>
 *   <li>{@value #OK}: done (for {@code demo}: every record accounted for);</li>
 *   <li>{@value #FAILED}: a failure while running: no broker answered, a port is taken, the broker did not take a
 *       record, the demo's check failed, the engine died;</li>
 *   <li>{@value #USAGE}: bad usage, caught before anything starts: an unknown or missing option, a value out of
 *       range ({@link IllegalArgumentException}), a file that does not exist, a Kafka client property Kafka
 *       refuses.</li>
 * </ul>
 * Every failure is a single line on stderr starting with {@code error: }, never a stack trace. {@code --help} on
 * any subcommand prints its usage and exits {@value #OK}.
 */
@Command(name = "modelserving-examples", mixinStandardHelpOptions = true, version = "modelserving 0.1.0",
        description = "Serve machine-learning models on Kafka streams, swapping models at run time.",
        subcommands = {DemoCommand.class, BrokerCommand.class, ServeCommand.class, PublishModelCommand.class,
                PublishDataCommand.class, ReadScoredCommand.class, ReadDlqCommand.class, ReplayDlqCommand.class,
                PromoteCommand.class, RollbackCommand.class, RetireCommand.class, TrainCommand.class})
public final class Main {

    /** Success. */
    public static final int OK = CommandLine.ExitCode.OK;
    /** A failure while running. */
    public static final int FAILED = CommandLine.ExitCode.SOFTWARE;
    /** Bad usage or a bad value, refused before anything starts. */
    public static final int USAGE = CommandLine.ExitCode.USAGE;

    private static final Map<String, String> EXIT_CODES = exitCodes();

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code; tests call this instead of {@link #main}. */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main())
                .setParameterExceptionHandler((e, arguments) -> {
                    CommandLine command = e.getCommandLine();
                    command.getErr().println("error: " + oneLine(e.getMessage()) + " (see "
                            + command.getCommandSpec().qualifiedName() + " --help)");
                    return USAGE;
                })
                .setExecutionExceptionHandler((e, command, parsed) -> {
                    command.getErr().println("error: " + describe(e));
                    return isBadValue(e) ? USAGE : FAILED;
                });
        cli.getCommandSpec().usageMessage().exitCodeListHeading("Exit codes:%n").exitCodeList(EXIT_CODES);
        cli.getSubcommands().values().forEach(sub ->
                sub.getCommandSpec().usageMessage().exitCodeListHeading("Exit codes:%n").exitCodeList(EXIT_CODES));
        return cli.execute(args);
    }

    private static Map<String, String> exitCodes() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put(Integer.toString(OK), "done");
        codes.put(Integer.toString(FAILED), "failed while running (no broker answered, a port is taken, …)");
        codes.put(Integer.toString(USAGE), "bad usage or value, refused before anything started");
        return codes;
    }

    /**
     * A bad option value ({@link IllegalArgumentException}), or a client property Kafka refuses (a
     * {@link ConfigException}, which Kafka wraps when a client cannot be constructed); a command's own
     * {@link IllegalStateException} is a failure while running, whatever its cause.
     */
    static boolean isBadValue(Throwable e) {
        if (e instanceof IllegalArgumentException) {
            return true;
        }
        for (Throwable t = e; t != null && !(e instanceof IllegalStateException); t = t.getCause()) {
            if (t instanceof ConfigException) {
                return true;
            }
        }
        return false;
    }

    /**
     * A command's own {@link IllegalArgumentException} or {@link IllegalStateException} says it all; for anything
     * else, the messages down the cause chain on one line, each said once, a class name only where there is none.
     */
    static String describe(Throwable e) {
        if ((e instanceof IllegalArgumentException || e instanceof IllegalStateException) && e.getMessage() != null) {
            return oneLine(e.getMessage());
        }
        StringBuilder text = new StringBuilder();
        int depth = 0;
        for (Throwable t = e; t != null && depth < 5; t = t.getCause(), depth++) {
            String message = t.getMessage() == null || t.getMessage().isBlank() ? null : oneLine(t.getMessage());
            if (message == null && t == e) {
                message = t.getClass().getSimpleName();
            }
            if (message != null && !text.toString().contains(message)) {
                text.append(text.length() == 0 ? "" : ": ").append(message);
            }
        }
        return text.toString();
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
