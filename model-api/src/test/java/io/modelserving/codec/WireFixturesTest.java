package io.modelserving.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelserving.Features;
import io.modelserving.ModelInfo;
import io.modelserving.Prediction;
import io.modelserving.ScoredRecord;
import io.modelserving.ScoringResult;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pins the wire contract of {@code modelserving.proto} with bytes written out from its field numbers and wire
 * types (tag = field number << 3 | wire type; 0 varint, 1 fixed64, 2 length-delimited; doubles little-endian).
 * Renumbering a field, or changing its type, changes these bytes and fails the test.
 */
class WireFixturesTest {

    /** FeatureRecord{data_type "wine", names ["fixed acidity", "alcohol"], values [7.4, 9.4]}. */
    private static final String FEATURES = ""
            + "0a 04 77696e65"                           // 1 data_type, LEN 4: "wine"
            + "12 0d 66697865642061636964697479"         // 2 names, LEN 13: "fixed acidity"
            + "12 07 616c636f686f6c"                     // 2 names, LEN 7: "alcohol"
            + "1a 10 9a99999999991d40 cdcccccccccc2240"; // 3 values, packed LEN 16: 7.4, 9.4

    /** FeatureRecord{data_type "car", names ["doors"], values [1.5], categorical fuel = "diesel"}. */
    private static final String CATEGORICAL_FEATURES = ""
            + "0a 03 636172"                             // 1 data_type, LEN 3: "car"
            + "12 05 646f6f7273"                         // 2 names, LEN 5: "doors"
            + "1a 08 000000000000f83f"                   // 3 values, packed LEN 8: 1.5
            + "2a 04 6675656c"                           // 5 categorical_names, LEN 4: "fuel"
            + "32 06 64696573656c";                      // 6 categorical_values, LEN 6: "diesel"

    /** Prediction{value 3.0, label "3", probabilities [{"3", 0.75}, {"5", 0.25}]}. */
    private static final String PREDICTION = ""
            + "09 0000000000000840"                      // 1 value, fixed64: 3.0
            + "12 01 33"                                 // 2 label, LEN 1: "3"
            + "1a 0c 0a0133 11 000000000000e83f"         // 3 probabilities: {1 label "3", 2 probability 0.75}
            + "1a 0c 0a0135 11 000000000000d03f";        // 3 probabilities: {1 label "5", 2 probability 0.25}

    /** FeatureRecord{data_type "wine", values [1.0]}: the input inside the envelopes below. */
    private static final String INPUT = "0a0477696e65 1a08000000000000f03f";

    /** A ScoredRecord with a score (outcome SCORED = 0, the default, is not written). */
    private static final String SCORED = ""
            + "0a 04 77696e65"                           // 1 data_type: "wine"
            + "12 10 " + INPUT                           // 2 input, LEN 16
            + "22 09 09 0000000000001640"                // 4 result, LEN 9: Prediction{1 value 5.5}
            + "32 16"                                    // 6 model, LEN 22:
            + "   0a 02 6d31 12 01 33 1a 04 6f6e6e78"   //   1 name "m1", 2 version "3", 3 model_type "onnx"
            + "   22 04 64657363 28 e807"               //   4 description "desc", 5 since_ms 1000
            + "38 63"                                    // 7 scored_at_ms: 99
            + "40 d209"                                  // 8 duration_ns: 1234
            + "4a 11"                                    // 9 origin, LEN 17:
            + "   0a 04 64617461 10 03 18 2a"           //   1 topic "data", 2 partition 3, 3 offset 42
            + "   20 80d095ffbc31";                      //   4 timestamp_ms 1700000000000

    /** A ScoredRecord for a failure (outcome FAILED = 1). */
    private static final String FAILED = ""
            + "0a 04 77696e65"                           // 1 data_type: "wine"
            + "12 10 " + INPUT                           // 2 input, LEN 16
            + "18 01"                                    // 3 outcome: FAILED
            + "2a 09 626164207368617065"                 // 5 error, LEN 9: "bad shape"
            + "32 16 0a026d31 120133 1a046f6e6e78 220464657363 28e807" // 6 model, as above
            + "38 64"                                    // 7 scored_at_ms: 100
            + "40 37";                                   // 8 duration_ns: 55

    /** A ScoredRecord for "no model" (outcome NO_MODEL = 2). */
    private static final String NO_MODEL = ""
            + "0a 04 77696e65"                           // 1 data_type: "wine"
            + "12 10 " + INPUT                           // 2 input, LEN 16
            + "18 02"                                    // 3 outcome: NO_MODEL
            // 5 error, LEN 29: "no model for data type 'wine'"
            + "2a 1d 6e6f206d6f64656c20666f7220646174612074797065202777696e6527"
            + "38 65";                                   // 7 scored_at_ms: 101

    private final RecordCodec<ScoredRecord<Features, Prediction>> scoredRecords =
            Codecs.scoredRecords(Codecs.features(), Codecs.predictions());
    private final ModelInfo model = new ModelInfo("m1", "3", "onnx", "wine", "desc", Instant.ofEpochMilli(1000));
    private final Features input = Features.positional("wine", 1.0);

    @Test
    void featureRecord() {
        Features features = Features.of("wine", List.of("fixed acidity", "alcohol"), 7.4, 9.4);

        assertThat(Codecs.features().encode(features)).isEqualTo(bytes(FEATURES));
        assertThat(Codecs.features().decode(bytes(FEATURES)).get()).isEqualTo(features);
    }

    @Test
    void featureRecordWithCategoricalFeatures() {
        Features features = Features.builder("car").number("doors", 1.5).category("fuel", "diesel").build();

        assertThat(Codecs.features().encode(features)).isEqualTo(bytes(CATEGORICAL_FEATURES));
        assertThat(Codecs.features().decode(bytes(CATEGORICAL_FEATURES)).get()).isEqualTo(features);
    }

    @Test
    void prediction() {
        Map<String, Double> probabilities = new LinkedHashMap<>();
        probabilities.put("3", 0.75);
        probabilities.put("5", 0.25);
        Prediction prediction = Prediction.ofClass(3, "3", probabilities);

        assertThat(Codecs.predictions().encode(prediction)).isEqualTo(bytes(PREDICTION));
        Prediction decoded = Codecs.predictions().decode(bytes(PREDICTION)).get();
        assertThat(decoded).isEqualTo(prediction);
        assertThat(decoded.probabilities().keySet()).containsExactly("3", "5");
    }

    @Test
    void scoredRecordWithAScore() {
        ScoredRecord<Features, Prediction> record = new ScoredRecord<>(input,
                new ScoringResult.Scored<>("wine", Prediction.of(5.5), model, 1234), 99,
                new ScoredRecord.Origin("data", 3, 42, 1_700_000_000_000L));

        assertPinned(record, SCORED);
    }

    @Test
    void scoredRecordWithAFailure() {
        assertPinned(new ScoredRecord<>(input, new ScoringResult.Failed<>("wine", "bad shape", model, 55), 100, null),
                FAILED);
    }

    @Test
    void scoredRecordWithoutAModel() {
        assertPinned(new ScoredRecord<>(input, new ScoringResult.NoModel<>("wine"), 101, null), NO_MODEL);
    }

    private void assertPinned(ScoredRecord<Features, Prediction> record, String hex) {
        assertThat(scoredRecords.encode(record)).isEqualTo(bytes(hex));
        assertThat(scoredRecords.decode(bytes(hex)).get()).isEqualTo(record);
    }

    private static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }
}
