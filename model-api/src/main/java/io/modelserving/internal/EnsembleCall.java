package io.modelserving.internal;

import io.modelserving.EnsembleDecider;
import io.modelserving.EnsembleResult;
import io.modelserving.ModelInfo;
import io.modelserving.ScoringResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * One batch scored by an ensemble: every member is asked at once on threads of its own, and the decider is asked
 * for each record as each member's answers come, until every record is decided, every member has answered or the
 * deadline has passed. The calling thread only waits; no member can hold it past the deadline.
 */
public final class EnsembleCall<I, O> {

    /** What the ensemble made of the batch: a served result and a decision per record, in order. */
    public record Outcome<O>(List<ScoringResult<O>> results, List<EnsembleResult> decisions) {
    }

    private record Answer<O>(int member, List<ScoringResult<O>> results, Throwable failure, long atNanos) {
    }

    private final String dataType;
    private final ModelInfo ensemble;
    private final List<ServedModel<I, O>> members;
    private final String deciderName;
    private final EnsembleDecider<O> decider;
    private final long deadlineNanos;
    private final long start = System.nanoTime();
    private final boolean[] asked;
    private final long[] answeredAt;
    private int askedCount;

    /**
     * @param members the primary first, then the ensemble's members; each with a reference held by the caller
     */
    public EnsembleCall(String dataType, ServedEnsemble<I, O> ensemble, List<ServedModel<I, O>> members) {
        this.dataType = dataType;
        this.ensemble = ensemble.info();
        this.members = members;
        this.deciderName = ensemble.deciderName();
        this.decider = ensemble.decider();
        this.deadlineNanos = ensemble.deadline().toNanos();
        this.asked = new boolean[members.size()];
        this.answeredAt = new long[members.size()];
    }

    /** Scores {@code records}, each member through {@code scoring} on a thread of {@code calls}. */
    public Outcome<O> run(List<I> records, BiFunction<ServedModel<I, O>, List<I>, List<ScoringResult<O>>> scoring,
                          MemberCalls calls) {
        BlockingQueue<Answer<O>> arrivals = new LinkedBlockingQueue<>();
        for (int k = 0; k < members.size(); k++) {
            ServedModel<I, O> member = members.get(k);
            int index = k;
            CompletableFuture<List<ScoringResult<O>>> call = calls.submit(member, () -> scoring.apply(member, records));
            if (call != null) {
                asked[k] = true;
                askedCount++;
                call.whenComplete((results, failure) ->
                        arrivals.add(new Answer<>(index, results, failure, System.nanoTime())));
            }
        }
        Decisions decisions = new Decisions(records.size());
        int arrived = 0;
        while (decisions.undecided > 0 && arrived < askedCount) {
            Answer<O> answer;
            try {
                answer = arrivals.poll(start + deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (answer == null) {
                break;
            }
            arrived++;
            answeredAt[answer.member()] = answer.atNanos();
            decisions.add(answer, records.size());
        }
        decisions.decideTheRest();
        return decisions.outcome();
    }

    /** Per record: the answers in, the member that gave each, and the decision once made. */
    private final class Decisions {
        final List<List<ScoringResult<O>>> answers = new ArrayList<>();
        final List<List<Integer>> answeredBy = new ArrayList<>();
        final ScoringResult<O>[] results;
        final int[] chosen;
        final long[] decidedAt;
        int undecided;

        @SuppressWarnings("unchecked")
        Decisions(int records) {
            for (int i = 0; i < records; i++) {
                answers.add(new ArrayList<>(members.size()));
                answeredBy.add(new ArrayList<>(members.size()));
            }
            results = new ScoringResult[records];
            chosen = new int[records];
            Arrays.fill(chosen, EnsembleDecider.WAIT);
            decidedAt = new long[records];
            undecided = records;
        }

        void add(Answer<O> answer, int records) {
            for (int i = 0; i < records; i++) {
                if (results[i] == null) {
                    answers.get(i).add(resultOf(answer, i, records));
                    answeredBy.get(i).add(answer.member());
                    decide(i, false);
                }
            }
        }

        void decideTheRest() {
            for (int i = 0; i < results.length; i++) {
                if (results[i] == null) {
                    decide(i, true);
                }
            }
        }

        private void decide(int record, boolean last) {
            List<ScoringResult<O>> in = answers.get(record);
            int pick;
            try {
                pick = decider.choose(Collections.unmodifiableList(in), askedCount, last);
            } catch (RuntimeException e) {
                fail(record, "decider '" + deciderName + "' failed: " + Failures.reason(e));
                return;
            }
            if (pick == EnsembleDecider.WAIT) {
                if (last) {
                    fail(record, "decider '" + deciderName + "' accepted no answer within "
                            + deadlineNanos / 1_000_000 + " ms");
                }
                return;
            }
            if (pick < 0 || pick >= in.size()) {
                fail(record, "decider '" + deciderName + "' chose answer " + pick + " of " + in.size());
                return;
            }
            results[record] = in.get(pick);
            chosen[record] = answeredBy.get(record).get(pick);
            decided(record);
        }

        private void fail(int record, String reason) {
            results[record] = new ScoringResult.Failed<>(dataType, "ensemble " + ensemble.label() + ": " + reason
                    + " (" + summary(record) + ")", ensemble, System.nanoTime() - start);
            decided(record);
        }

        private void decided(int record) {
            decidedAt[record] = System.nanoTime();
            undecided--;
        }

        Outcome<O> outcome() {
            List<EnsembleResult> decisions = new ArrayList<>(results.length);
            for (int i = 0; i < results.length; i++) {
                decisions.add(new EnsembleResult(deciderName, membersOf(i)));
            }
            return new Outcome<>(Arrays.asList(results), decisions);
        }

        private List<EnsembleResult.Member> membersOf(int record) {
            List<EnsembleResult.Member> of = new ArrayList<>(members.size());
            for (int k = 0; k < members.size(); k++) {
                ModelInfo model = members.get(k).info();
                int at = answeredBy.get(record).indexOf(k);
                if (!asked[k]) {
                    of.add(new EnsembleResult.Member(model, EnsembleResult.Status.SKIPPED, 0, false,
                            "not asked: its earlier calls were still running"));
                } else if (at < 0) {
                    of.add(new EnsembleResult.Member(model, EnsembleResult.Status.UNANSWERED,
                            decidedAt[record] - start, false, "not answered when the record was decided"));
                } else if (answers.get(record).get(at) instanceof ScoringResult.Failed<O> failed) {
                    of.add(new EnsembleResult.Member(model, EnsembleResult.Status.FAILED, answeredAt[k] - start,
                            chosen[record] == k, failed.reason()));
                } else {
                    of.add(new EnsembleResult.Member(model, EnsembleResult.Status.SCORED, answeredAt[k] - start,
                            chosen[record] == k, ""));
                }
            }
            return of;
        }

        private String summary(int record) {
            List<String> parts = new ArrayList<>(members.size());
            for (int k = 0; k < members.size(); k++) {
                int at = answeredBy.get(record).indexOf(k);
                String what = !asked[k] ? "skipped, busy" : at < 0 ? "no answer"
                        : answers.get(record).get(at) instanceof ScoringResult.Failed<O> failed
                        ? "failed: " + failed.reason() : "scored";
                parts.add(members.get(k).info().label() + " " + what);
            }
            return String.join("; ", parts);
        }
    }

    private ScoringResult<O> resultOf(Answer<O> answer, int record, int records) {
        ModelInfo model = members.get(answer.member()).info();
        long nanos = answer.atNanos() - start;
        if (answer.failure() != null) {
            return new ScoringResult.Failed<>(dataType, "the call failed: " + Failures.reason(answer.failure()),
                    model, nanos);
        }
        if (answer.results() == null || answer.results().size() != records) {
            return new ScoringResult.Failed<>(dataType, "the call gave no result per record", model, nanos);
        }
        return answer.results().get(record);
    }
}
