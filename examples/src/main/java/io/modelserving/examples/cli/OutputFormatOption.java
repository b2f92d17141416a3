package io.modelserving.examples.cli;

import io.modelserving.examples.data.OutputFormat;
import picocli.CommandLine.Option;

/** How scored records are written to the scored topic, for {@code serve} (writes) and {@code read-scored} (reads). */
final class OutputFormatOption {

    @Option(names = "--output-format", defaultValue = "protobuf", paramLabel = "FORMAT",
            description = "Scored records: protobuf (the wire contract's envelope, the input inside it in the data "
                    + "format) or json. Default: ${DEFAULT-VALUE}.")
    String outputFormat;

    /** @throws IllegalArgumentException for an unknown format, listing the choices */
    OutputFormat format() {
        return OutputFormat.parse(outputFormat);
    }
}
