package io.modelserving.examples;

import io.modelserving.examples.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A subcommand of the examples' command line run in this JVM, with what it printed: quicker than a process of the
 * jar, for tests that check what a command does rather than how the jar starts. What it printed on standard
 * output is echoed afterwards, so test logs show it.
 *
 * @param exit the exit code {@link Main#run} returned
 * @param out  what it printed on standard output
 * @param err  what it printed on standard error
 */
record InProcessCli(int exit, String out, String err) {

    static InProcessCli run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream capturedOut = new ByteArrayOutputStream();
        ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(capturedOut, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(capturedErr, true, StandardCharsets.UTF_8));
            exit = Main.run(args);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        InProcessCli run = new InProcessCli(exit, capturedOut.toString(StandardCharsets.UTF_8),
                capturedErr.toString(StandardCharsets.UTF_8));
        System.out.print(run.out());
        return run;
    }

    /** The subcommand and its own arguments, then options every command of the test shares (the cluster, topics). */
    static InProcessCli run(String[] shared, String... command) {
        String[] all = Arrays.copyOf(command, command.length + shared.length);
        System.arraycopy(shared, 0, all, command.length, shared.length);
        return run(all);
    }
}
