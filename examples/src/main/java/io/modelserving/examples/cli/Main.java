package io.modelserving.examples.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar modelserving-examples.jar <command>}: the original talk's system, one microservice per
 * subcommand, or all of them at once with {@code demo}.
 */
@Command(name = "modelserving-examples", mixinStandardHelpOptions = true, version = "modelserving 0.1.0",
        description = "Serve machine-learning models on Kafka streams, swapping models at run time.",
        subcommands = {DemoCommand.class, BrokerCommand.class, ServeCommand.class, PublishModelCommand.class,
                PublishDataCommand.class, ReadScoredCommand.class, ReadDlqCommand.class, TrainCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code; tests call this instead of {@link #main}. */
    public static int run(String... args) {
        return new CommandLine(new Main())
                .setExecutionExceptionHandler((e, command, parsed) -> {
                    if (e instanceof IllegalArgumentException) {
                        // A bad option value: say which, without a stack trace.
                        command.getErr().println("error: " + e.getMessage());
                        return 2;
                    }
                    if (e instanceof IllegalStateException) {
                        // A failure the command explains itself, e.g. records the broker did not take.
                        command.getErr().println("error: " + e.getMessage());
                        return 1;
                    }
                    throw e;
                })
                .execute(args);
    }
}
