package io.modelserving.examples.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelserving.Features;
import io.modelserving.codec.FeatureFields;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Any CSV with a header, each row read into features by the rule every structured format follows. */
class CsvRecordsTest {

    private static final FeatureFields CARS = FeatureFields.builder().dataType("car").build();

    private static List<Features> features(String csv, FeatureFields fields) {
        return CsvRecords.parse(csv, "cars.csv", fields).stream().map(CsvRecords.Row::features).toList();
    }

    private static Features car(double engineSize, String fuel) {
        return Features.builder("car").number("engine size", engineSize).category("fuel", fuel).build();
    }

    @Test
    void commaOrSemicolonFromTheHeader() {
        assertThat(features("engine size,fuel\n1.6,diesel\n2,petrol\n", CARS))
                .containsExactly(car(1.6, "diesel"), car(2, "petrol"));
        assertThat(features("engine size;fuel\r\n1.6;diesel\r\n2;petrol", CARS))
                .containsExactly(car(1.6, "diesel"), car(2, "petrol"));
        // Semicolons in the header's quoted names do not count; the commas between them do.
        assertThat(features("\"engine size\",\"fuel;type\"\n1.6,diesel\n", CARS)).containsExactly(
                Features.builder("car").number("engine size", 1.6).category("fuel;type", "diesel").build());
    }

    @Test
    void quotedCellsHoldSeparatorsQuotesAndLineBreaks() {
        List<Features> rows = features("""
                model,fuel
                "Estate, 5 doors",diesel
                "The ""Eco"" one",electric
                "two
                lines",petrol
                """, CARS);

        assertThat(rows).extracting(f -> f.category("model"))
                .containsExactly("Estate, 5 doors", "The \"Eco\" one", "two\nlines");
    }

    @Test
    void aCellIsANumberWhenItIsAFiniteNumberAndACategoryOtherwise() {
        Features row = features("a,b,c,d,e,f,g\n 1.5 ,-2e3,\"7\",NaN,1e999,0x10,1.6L\n", CARS).get(0);

        assertThat(row).isEqualTo(Features.builder("car").number("a", 1.5).number("b", -2000).number("c", 7)
                .category("d", "NaN").category("e", "1e999").category("f", "0x10").category("g", "1.6L").build());
    }

    @Test
    void aDeclaredCategoryMayBeAWholeNumberAndReadsUnderItsName() {
        FeatureFields declared = FeatureFields.builder().dataType("car")
                .number("engine_cc", "engine size").category("fuel_code", "fuel").build();

        assertThat(features("fuel_code,engine_cc,colour\n3,1600,red\n", declared))
                .containsExactly(Features.builder("car").number("engine size", 1600).category("fuel", "3").build());
    }

    @Test
    void theDataTypeFromAColumnOrFixed() {
        String csv = "kind,engine size,fuel\ncar,1.6,diesel\nvan,2.2,petrol\n";

        assertThat(features(csv, FeatureFields.builder().dataTypeField("kind").build())).containsExactly(
                car(1.6, "diesel"),
                Features.builder("van").number("engine size", 2.2).category("fuel", "petrol").build());
        assertThat(features(csv, FeatureFields.builder().dataType("vehicle").build()).get(0)).isEqualTo(
                Features.builder("vehicle").category("kind", "car").number("engine size", 1.6)
                        .category("fuel", "diesel").build());
    }

    @Test
    void anEmptyCellIsMissingAndFailsItsRowNamingTheLine() {
        String csv = "engine size,fuel\n1.6,diesel\n\n2.0,\"\"\n";

        assertThatThrownBy(() -> features(csv, CARS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cars.csv line 4: field 'fuel' is null, neither a number nor a string");
        FeatureFields declared = FeatureFields.builder().dataType("car").number("engine size").build();
        assertThat(features(csv, declared)).hasSize(2);
        assertThatThrownBy(() -> features("engine size,fuel\n1.6,diesel\n,petrol\n", declared))
                .hasMessage("cars.csv line 3: field 'engine size' is null, not a number");
    }

    @Test
    void aBadDataTypeCellNamesItsLine() {
        assertThatThrownBy(() -> features("kind,fuel\ncar,diesel\n,petrol\n",
                FeatureFields.builder().dataTypeField("kind").build()))
                .hasMessage("cars.csv line 3: missing the data type field 'kind'");
    }

    @Test
    void columnsTheRuleNeedsAreCheckedOnTheHeader() {
        assertThatThrownBy(() -> features("engine size,fuel\n1.6,diesel\n",
                FeatureFields.builder().dataTypeField("kind").build()))
                .hasMessage("cars.csv has no column 'kind' for the data type (columns: engine size, fuel)");
        assertThatThrownBy(() -> features("engine size,fuel\n1.6,diesel\n",
                FeatureFields.builder().dataType("car").number("engine_cc", "engine size").build()))
                .hasMessage("cars.csv has no column 'engine_cc' for feature 'engine size' (columns: engine size, fuel)");
    }

    @Test
    void badCsvNamesTheLine() {
        assertThatThrownBy(() -> features("", CARS)).hasMessage("cars.csv is empty: expected a header line");
        assertThatThrownBy(() -> features("a,,c\n1,2,3\n", CARS))
                .hasMessage("cars.csv line 1: column 2 of the header has no name");
        assertThatThrownBy(() -> features("a,b,a\n1,2,3\n", CARS))
                .hasMessage("cars.csv line 1: the header has column 'a' twice");
        assertThatThrownBy(() -> features("a,b\n1,2\n1,2,3\n", CARS))
                .hasMessage("cars.csv line 3: 3 cells, but the header has 2 columns");
        assertThatThrownBy(() -> features("a,b\n1,2\n\"1,2\n", CARS))
                .hasMessage("cars.csv line 3: a quoted cell is not closed");
        assertThatThrownBy(() -> features("a,b\n\"1\"x,2\n", CARS))
                .hasMessage("cars.csv line 2: text after the closing quote of a cell");
    }

    @Test
    void readsAFileWithAByteOrderMark(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("cars.csv"), "\uFEFFengine size;fuel\n1.6;diesel\n");

        List<CsvRecords.Row> rows = CsvRecords.read(file, CARS);

        assertThat(rows).containsExactly(new CsvRecords.Row(2, car(1.6, "diesel")));
    }
}
