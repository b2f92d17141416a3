package io.modelserving.examples.wine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class WineCsvTest {

    @Test
    void skipsAQuotedHeaderAndReadsRows() {
        List<WineCsv.Row> rows = WineCsv.parse(List.of(
                "\"fixed acidity\";\"volatile acidity\";\"citric acid\";\"residual sugar\";\"chlorides\";"
                        + "\"free sulfur dioxide\";\"total sulfur dioxide\";\"density\";\"pH\";\"sulphates\";\"alcohol\";\"quality\"",
                "7.4;0.7;0;1.9;0.076;11;34;0.9978;3.51;0.56;9.4;5",
                "",
                "7.8;0.88;0;2.6;0.098;25;67;0.9968;3.2;0.68;9.8;6"), "test.csv");

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).features()).containsExactly(7.4, 0.7, 0, 1.9, 0.076, 11, 34, 0.9978, 3.51, 0.56, 9.4);
        assertThat(rows.get(1).quality()).isEqualTo(6);
    }

    @Test
    void badLinesNameTheLine() {
        assertThatThrownBy(() -> WineCsv.parse(List.of("1;2;3"), "x.csv")).hasMessageContaining("x.csv line 1");
        assertThatThrownBy(() -> WineCsv.parse(List.of("1;2;3;4;5;6;7;8;9;10;11;12", "1;2;3;4;5;6;7;8;x;10;11;12"), "x.csv"))
                .hasMessageContaining("line 2").hasMessageContaining("'x'");
    }

    @Test
    void generatorIsDeterministicAndWineLike() {
        List<WineCsv.Row> a = new WineGenerator(7).rows(500);
        List<WineCsv.Row> b = new WineGenerator(7).rows(500);

        assertThat(a).usingRecursiveFieldByFieldElementComparator().isEqualTo(b);
        assertThat(a).allSatisfy(row -> {
            assertThat(row.features()).hasSize(11);
            assertThat(java.util.Arrays.stream(row.features()).min().getAsDouble()).isPositive();
            assertThat(row.quality()).isBetween(3.0, 8.0);
        });
    }
}
