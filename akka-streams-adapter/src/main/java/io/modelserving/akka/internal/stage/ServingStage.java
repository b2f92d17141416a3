package io.modelserving.akka.internal.stage;

import akka.japi.Pair;
import akka.stream.Attributes;
import akka.stream.FanInShape2;
import akka.stream.Inlet;
import akka.stream.Outlet;
import akka.stream.stage.AbstractGraphStageWithMaterializedValue;
import akka.stream.stage.AbstractInHandler;
import akka.stream.stage.AbstractOutHandler;
import akka.stream.stage.AsyncCallback;
import akka.stream.stage.GraphStageLogic;
import akka.stream.stage.TimerGraphStageLogic;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The scoring stage of the original design: two inlets (batches of data elements, model elements), one outlet
 * (one output per data element, in input order). What each element means is the {@link StagePlan}'s.
 *
 * <ul>
 *   <li>Models: each model element is handed to the plan, which applies it off the stream (a new model loads on
 *   the core's loader threads; the old one serves until the atomic swap), and the next is pulled at once.</li>
 *   <li>Data: none is pulled before the plan says the restored models are loaded. Then a batch is pulled only
 *   while fewer than {@code parallelism} batches are being scored or waiting for downstream, so back pressure
 *   passes straight through.</li>
 *   <li>No model: a batch waits only when the plan says it must (a model of its data type is loading right now),
 *   for at most the plan's wait; data behind it waits too (order is kept). A data type with no model loading
 *   never waits.</li>
 * </ul>
 */
public final class ServingStage<E, R, M>
        extends AbstractGraphStageWithMaterializedValue<FanInShape2<List<E>, M, R>, StageHandle> {

    private static final String WAIT_TIMER = "no-model-wait";

    private final StagePlan<E, R, M> plan;
    private final int parallelism;
    private final String scoringDispatcher;
    private final FanInShape2<List<E>, M, R> shape = new FanInShape2<>("ModelServing");

    /**
     * @param parallelism       batches scored at once; 1 scores on the stage's own thread
     * @param scoringDispatcher dispatcher id for parallel scoring; empty for the materializer's
     */
    public ServingStage(StagePlan<E, R, M> plan, int parallelism, String scoringDispatcher) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
        }
        this.plan = plan;
        this.parallelism = parallelism;
        this.scoringDispatcher = scoringDispatcher == null ? "" : scoringDispatcher;
    }

    @Override
    public FanInShape2<List<E>, M, R> shape() {
        return shape;
    }

    @Override
    public Pair<GraphStageLogic, StageHandle> createLogicAndMaterializedValuePair(Attributes attributes) {
        StageHandle handle = new StageHandle();
        return Pair.create(new Logic(handle), handle);
    }

    /** A batch handed to the scoring dispatcher; results stay null until it is done. */
    private final class Scoring {
        final List<E> batch;
        // Written on a scoring thread, read on the stage's: volatile publishes the finished list.
        volatile List<R> results;

        Scoring(List<E> batch) {
            this.batch = batch;
        }
    }

    /** A batch held back until the models it waits for are loaded or the wait times out. */
    private record Parked<E>(List<E> batch, Set<String> dataTypes) {
    }

    private final class Logic extends TimerGraphStageLogic {
        private final StageHandle handle;
        private final Inlet<List<E>> data = shape.in0();
        private final Inlet<M> models = shape.in1();
        private final Outlet<R> out = shape.out();
        private final ArrayDeque<Scoring> scoring = new ArrayDeque<>();
        // Scored batches waiting for downstream, oldest first; counted as batches so the stage holds at most
        // `parallelism` of them in all, whatever the downstream's pace.
        private final ArrayDeque<ArrayDeque<R>> ready = new ArrayDeque<>();
        private Parked<E> parked;
        private boolean restored;
        private Executor scoringExecutor;
        private AsyncCallback<Pair<Scoring, Throwable>> scored;
        private AsyncCallback<Parked<E>> loaded;

        Logic(StageHandle handle) {
            super(shape);
            this.handle = handle;
            setHandler(data, new AbstractInHandler() {
                @Override
                public void onPush() {
                    admit(grab(data));
                }

                @Override
                public void onUpstreamFinish() {
                    completeIfDone();
                }
            });
            setHandler(models, new AbstractInHandler() {
                @Override
                public void onPush() {
                    plan.model(grab(models));
                    pull(models);
                }

                @Override
                public void onUpstreamFinish() {
                    // No more models will come: what arrived is all there is to restore. Serving goes on.
                    plan.modelsEnded();
                }
            });
            setHandler(out, new AbstractOutHandler() {
                @Override
                public void onPull() {
                    pushReady();
                    pullData();
                    completeIfDone();
                }
            });
        }

        @Override
        public void preStart() {
            scoringExecutor = scoringDispatcher.isEmpty() ? materializer().executionContext()
                    : materializer().system().dispatchers().lookup(scoringDispatcher);
            scored = createAsyncCallback(this::onScored);
            loaded = createAsyncCallback(this::onLoaded);
            AsyncCallback<Throwable> restoredCallback = createAsyncCallback(this::onRestored);
            plan.restored().whenComplete((done, failure) -> restoredCallback.invoke(failure));
            pull(models);
        }

        @Override
        public void postStop() {
            handle.markStopped(new IllegalStateException("serving stopped before the models were restored"));
        }

        private void onRestored(Throwable failure) {
            if (failure != null) {
                failStage(failure);
                return;
            }
            restored = true;
            handle.markRestored();
            pullData();
        }

        private void admit(List<E> batch) {
            Set<String> waiting = plan.mustWaitFor(batch);
            if (waiting.isEmpty()) {
                dispatch(batch);
            } else {
                Parked<E> held = new Parked<>(batch, waiting);
                parked = held;
                scheduleOnce(WAIT_TIMER, plan.noModelWait());
                plan.whenLoaded(waiting).whenComplete((done, failure) -> loaded.invoke(held));
            }
            pullData();
        }

        private void onLoaded(Parked<E> held) {
            if (parked == held) {
                cancelTimer(WAIT_TIMER);
                release();
            }
        }

        @Override
        public void onTimer(Object key) {
            if (parked != null) {
                plan.gaveUp(parked.dataTypes());
                release();
            }
        }

        private void release() {
            List<E> batch = parked.batch();
            parked = null;
            dispatch(batch);
            pullData();
            completeIfDone();
        }

        private void dispatch(List<E> batch) {
            Supplier<List<R>> pinned = plan.pin(batch);
            if (parallelism == 1) {
                ready.add(new ArrayDeque<>(pinned.get()));
                pushReady();
                return;
            }
            Scoring job = new Scoring(batch);
            scoring.add(job);
            CompletableFuture.supplyAsync(pinned, scoringExecutor)
                    .whenComplete((results, failure) -> {
                        job.results = results;
                        scored.invoke(Pair.create(job, failure));
                    });
        }

        private void onScored(Pair<Scoring, Throwable> outcome) {
            if (outcome.second() != null) {
                failStage(outcome.second());
                return;
            }
            // Emit in input order: only the head batch and those done right behind it.
            while (!scoring.isEmpty() && scoring.peek().results != null) {
                ready.add(new ArrayDeque<>(scoring.poll().results));
            }
            pushReady();
            pullData();
            completeIfDone();
        }

        private void pushReady() {
            if (!ready.isEmpty() && isAvailable(out)) {
                ArrayDeque<R> oldest = ready.peek();
                R next = oldest.poll();
                if (oldest.isEmpty()) {
                    ready.poll();
                }
                if (next != null) {
                    push(out, next);
                }
            }
        }

        private void pullData() {
            int held = scoring.size() + ready.size();
            if (restored && parked == null && held < parallelism && !isClosed(data) && !hasBeenPulled(data)) {
                pull(data);
            }
        }

        private void completeIfDone() {
            if (isClosed(data) && parked == null && scoring.isEmpty() && ready.isEmpty()) {
                completeStage();
            }
        }
    }
}
