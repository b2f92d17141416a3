package io.modelserving.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelserving.EnsembleResult;
import io.modelserving.ModelInfo;
import io.modelserving.ModelUpdate;
import io.modelserving.ScoringResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServingListenerTest {

    private static final ModelInfo MODEL = new ModelInfo("m", "1", "constant", "wine", "", Instant.EPOCH);

    /** Records every event it is told, as text. */
    private static final class Recording implements ServingListener {
        final List<String> events = new ArrayList<>();

        @Override
        public void scored(ScoringResult<?> result) {
            events.add("scored " + result.dataType());
        }

        @Override
        public void ensembleDecided(EnsembleResult decision) {
            events.add("ensemble " + decision.decider());
        }

        @Override
        public void deadLettered(DeadLetter letter) {
            events.add("dead " + letter.kind().header());
        }

        @Override
        public void modelUpdated(ModelUpdate update) {
            events.add("update " + update.accepted());
        }
    }

    @Test
    void allTellsEachListenerOfEveryEventEvenWhenOneThrows() {
        Recording first = new Recording();
        Recording last = new Recording();
        ServingListener throwing = new ServingListener() {
            @Override
            public void scored(ScoringResult<?> result) {
                throw new IllegalStateException("broken listener");
            }

            @Override
            public void ensembleDecided(EnsembleResult decision) {
                throw new IllegalStateException("broken listener");
            }

            @Override
            public void deadLettered(DeadLetter letter) {
                throw new IllegalStateException("broken listener");
            }

            @Override
            public void modelUpdated(ModelUpdate update) {
                throw new IllegalStateException("broken listener");
            }
        };
        ServingListener all = ServingListener.all(first, throwing, last);

        all.scored(new ScoringResult.NoModel<>("wine"));
        all.ensembleDecided(new EnsembleResult("majority", List.of()));
        all.deadLettered(DeadLetter.of(DeadLetterKind.NO_MODEL, "none", "data", 0, 1));
        all.modelUpdated(new ModelUpdate(false, MODEL, "bad"));

        List<String> expected = List.of("scored wine", "ensemble majority", "dead no-model", "update false");
        assertThat(first.events).isEqualTo(expected);
        assertThat(last.events).isEqualTo(expected);
    }

    @Test
    void unwrapFindsAListenerInsideCombinedAndGuardedOnes() {
        Recording recording = new Recording();
        ServingListener combined = ServingListener.guarded(ServingListener.all(ServingListener.NONE, recording));

        assertThat(combined.unwrap(Recording.class)).containsSame(recording);
        assertThat(recording.unwrap(Recording.class)).containsSame(recording);
        assertThat(ServingListener.all(ServingListener.NONE).unwrap(Recording.class)).isEmpty();
    }
}
