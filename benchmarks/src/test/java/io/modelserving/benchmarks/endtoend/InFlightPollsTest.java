package io.modelserving.benchmarks.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Offsets become committable oldest poll first, and only once every output of the poll is acknowledged. */
class InFlightPollsTest {

    private static final TopicPartition P0 = new TopicPartition("data", 0);
    private static final TopicPartition P1 = new TopicPartition("data", 1);

    private final List<Exception> failures = new ArrayList<>();
    private final InFlightPolls polls = new InFlightPolls(failures::add);

    @Test
    void aPollIsCommittableOnlyAfterItsLastAcknowledgementAndAfterEveryOlderPoll() {
        Callback first = polls.track(Map.of(P0, new OffsetAndMetadata(10)), 2);
        Callback second = polls.track(Map.of(P1, new OffsetAndMetadata(5)), 1);

        second.onCompletion(null, null);
        first.onCompletion(null, null);
        assertThat(polls.newlyCommittable()).isEmpty();

        first.onCompletion(null, null);
        assertThat(polls.newlyCommittable()).containsExactlyInAnyOrderEntriesOf(
                Map.of(P0, new OffsetAndMetadata(10), P1, new OffsetAndMetadata(5)));
        assertThat(polls.newlyCommittable()).isEmpty();
        assertThat(polls.committable()).containsOnlyKeys(P0, P1);
    }

    @Test
    void aFailedSendIsReportedAtOnceAndNeverCommitted() {
        Callback poll = polls.track(Map.of(P0, new OffsetAndMetadata(10)), 2);
        IllegalStateException broken = new IllegalStateException("broker gone");

        poll.onCompletion(null, null);
        poll.onCompletion(null, broken);

        assertThat(failures).containsExactly(broken);
        assertThatThrownBy(polls::awaitAll).hasCause(broken);
        assertThat(polls.committable()).isEmpty();
    }

    @Test
    void forgottenPartitionsAreNotCommittedAgain() throws InterruptedException {
        polls.track(Map.of(P0, new OffsetAndMetadata(10), P1, new OffsetAndMetadata(3)), 1).onCompletion(null, null);
        polls.awaitAll();

        polls.forget(List.of(P1));

        assertThat(polls.committable()).containsOnlyKeys(P0);
    }
}
