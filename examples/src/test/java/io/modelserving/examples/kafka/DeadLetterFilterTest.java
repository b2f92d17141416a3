package io.modelserving.examples.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelserving.kafka.DeadLetter;
import io.modelserving.kafka.DeadLetterKind;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeadLetterFilterTest {

    private static final Instant NOON = Instant.parse("2026-11-30T12:00:00Z");
    private static final DeadLetter NO_MODEL = DeadLetter.of(DeadLetterKind.NO_MODEL,
            "No model for data type 'wine'", "data", 1, 7);
    private static final DeadLetter GARBAGE = DeadLetter.of(DeadLetterKind.DATA_UNDECODABLE,
            "not a WineRecord", "data", 0, 3);

    @Test
    void withoutCriteriaEveryDeadLetterIsTaken() {
        DeadLetterFilter all = DeadLetterFilter.all();
        assertThat(all.matches(NO_MODEL, 0, 0)).isTrue();
        assertThat(all.matches(GARBAGE, Long.MAX_VALUE, -1)).isTrue();
    }

    @Test
    void kindsTakeOnlyTheGivenOnes() {
        DeadLetterFilter filter = DeadLetterFilter.all()
                .withKinds(Set.of(DeadLetterKind.NO_MODEL, DeadLetterKind.MODEL_REJECTED));
        assertThat(filter.matches(NO_MODEL, 0, 0)).isTrue();
        assertThat(filter.matches(GARBAGE, 0, 0)).isFalse();
    }

    @Test
    void theReasonMustContainTheTextIgnoringCase() {
        assertThat(DeadLetterFilter.all().withReasonContaining("DATA TYPE 'wine'").matches(NO_MODEL, 0, 0)).isTrue();
        assertThat(DeadLetterFilter.all().withReasonContaining("beer").matches(NO_MODEL, 0, 0)).isFalse();
        assertThat(DeadLetterFilter.all().withReasonContaining("").matches(NO_MODEL, 0, 0))
                .as("empty text takes any reason").isTrue();
    }

    @Test
    void timesIncludeBothEnds() {
        long noon = NOON.toEpochMilli();
        DeadLetterFilter filter = DeadLetterFilter.all()
                .withTimes(Optional.of(NOON), Optional.of(NOON.plusSeconds(60)));
        assertThat(filter.matches(NO_MODEL, 0, noon - 1)).isFalse();
        assertThat(filter.matches(NO_MODEL, 0, noon)).isTrue();
        assertThat(filter.matches(NO_MODEL, 0, noon + 60_000)).isTrue();
        assertThat(filter.matches(NO_MODEL, 0, noon + 60_001)).isFalse();
        assertThat(DeadLetterFilter.all().withTimes(Optional.of(NOON), Optional.empty())
                .matches(NO_MODEL, 0, Long.MAX_VALUE)).as("open end").isTrue();
    }

    @Test
    void offsetsIncludeBothEnds() {
        DeadLetterFilter filter = DeadLetterFilter.all().withOffsets(OptionalLong.of(10), OptionalLong.of(12));
        assertThat(filter.matches(NO_MODEL, 9, 0)).isFalse();
        assertThat(filter.matches(NO_MODEL, 10, 0)).isTrue();
        assertThat(filter.matches(NO_MODEL, 12, 0)).isTrue();
        assertThat(filter.matches(NO_MODEL, 13, 0)).isFalse();
    }

    @Test
    void everyGivenCriterionMustHold() {
        DeadLetterFilter filter = DeadLetterFilter.all()
                .withKinds(Set.of(DeadLetterKind.NO_MODEL))
                .withReasonContaining("wine")
                .withOffsets(OptionalLong.of(5), OptionalLong.empty());
        assertThat(filter.matches(NO_MODEL, 5, 0)).isTrue();
        assertThat(filter.matches(NO_MODEL, 4, 0)).as("offset before the range").isFalse();
        assertThat(filter.matches(GARBAGE, 5, 0)).as("another kind").isFalse();
    }

    @Test
    void aWithChangesOnlyItsOwnCriterion() {
        DeadLetterFilter filter = DeadLetterFilter.all().withKinds(Set.of(DeadLetterKind.NO_MODEL))
                .withReasonContaining("wine").withOffsets(OptionalLong.of(1), OptionalLong.of(2))
                .withTimes(Optional.of(NOON), Optional.empty());
        assertThat(filter.kinds()).containsExactly(DeadLetterKind.NO_MODEL);
        assertThat(filter.reasonContains()).contains("wine");
        assertThat(filter.fromOffset()).hasValue(1);
        assertThat(filter.toOffset()).hasValue(2);
        assertThat(filter.from()).contains(NOON);
    }

    @Test
    void emptyRangesAndNegativeOffsetsAreRefusedNamingTheValues() {
        assertThatThrownBy(() -> DeadLetterFilter.all().withTimes(Optional.of(NOON), Optional.of(NOON.minusSeconds(1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2026-11-30T12:00:00Z");
        assertThatThrownBy(() -> DeadLetterFilter.all().withOffsets(OptionalLong.of(9), OptionalLong.of(8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("9").hasMessageContaining("8");
        assertThatThrownBy(() -> DeadLetterFilter.all().withOffsets(OptionalLong.of(-1), OptionalLong.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    }

    @Test
    void kindsAndInstantsParseFromTheirTextOrSayWhatIsWrong() {
        assertThat(DeadLetterFilter.kind("model-rejected")).isEqualTo(DeadLetterKind.MODEL_REJECTED);
        assertThatThrownBy(() -> DeadLetterFilter.kind("NO_MODEL"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'NO_MODEL'").hasMessageContaining("no-model");
        assertThat(DeadLetterFilter.instant("--from", "2026-11-30T12:00:00Z")).isEqualTo(NOON);
        assertThatThrownBy(() -> DeadLetterFilter.instant("--to", "yesterday"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--to").hasMessageContaining("'yesterday'");
    }
}
