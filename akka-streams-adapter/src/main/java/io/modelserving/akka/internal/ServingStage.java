package io.modelserving.akka.internal;

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
import io.modelserving.ModelUpdate;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The scoring stage of the original design: two inlets (batches of data elements, model events), one outlet
 * (one output per data element, in input order).
 *
 * <ul>
 *   <li>Models: the model inlet is pulled again as soon as the previous model has been loaded. Loading runs on
 *   the loading dispatcher, so a big model never stalls scoring; the old model serves until the processor
 *   swaps atomically.</li>
 *   <li>Data: pulled only while fewer than {@code parallelism} batches are being scored or waiting for
 *   downstream, so the stage holds at most {@code parallelism} batches: back pressure passes straight
 *   through.</li>
 *   <li>No model: a batch with an element whose data type has no model waits, up to {@code noModelWait}, for
 *   one; data behind it waits too (order is kept). After the wait it is scored anyway, which gives "no model"
 *   results.</li>
 * </ul>
 */
public final class ServingStage<E, R>
        extends AbstractGraphStageWithMaterializedValue<FanInShape2<List<E>, ModelEvent, R>, StageHandle> {

    private static final String WAIT_TIMER = "no-model-wait";

    private final StageConfig<E, R> config;
    private final FanInShape2<List<E>, ModelEvent, R> shape = new FanInShape2<>("ModelServing");

    public ServingStage(StageConfig<E, R> config) {
        this.config = config;
    }

    @Override
    public FanInShape2<List<E>, ModelEvent, R> shape() {
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

    private final class Logic extends TimerGraphStageLogic {
        private final StageHandle handle;
        private final Inlet<List<E>> data = shape.in0();
        private final Inlet<ModelEvent> models = shape.in1();
        private final Outlet<R> out = shape.out();
        private final ArrayDeque<Scoring> scoring = new ArrayDeque<>();
        // Scored batches waiting for downstream, oldest first; counted as batches so the stage holds at most
        // `parallelism` of them in all, whatever the downstream's pace.
        private final ArrayDeque<ArrayDeque<R>> ready = new ArrayDeque<>();
        private List<E> parked;
        private boolean restored;
        private Executor scoringExecutor;
        private Executor loadingExecutor;
        private AsyncCallback<Pair<Scoring, Throwable>> scored;
        private AsyncCallback<Pair<ModelEvent, Object>> loaded;

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
                    onModelEvent(grab(models));
                }

                @Override
                public void onUpstreamFinish() {
                    // No more models will come: what arrived is all there is to restore. Serving goes on.
                    markRestored();
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
            var system = materializer().system();
            scoringExecutor = config.scoringDispatcher().isEmpty() ? materializer().executionContext()
                    : system.dispatchers().lookup(config.scoringDispatcher());
            loadingExecutor = system.dispatchers().lookup(config.loadingDispatcher());
            scored = createAsyncCallback(this::onScored);
            loaded = createAsyncCallback(this::onLoaded);
            if (!config.awaitRestore()) {
                markRestored();
            }
            pull(models);
        }

        @Override
        public void postStop() {
            handle.markStopped(new IllegalStateException("serving stopped before the models were restored"));
        }

        private void markRestored() {
            if (!restored) {
                restored = true;
                handle.markRestored();
                pullData();
            }
        }

        private void onModelEvent(ModelEvent event) {
            if (event instanceof ModelEvent.Load load) {
                // One model at a time, in order: the next is pulled when this one is in.
                offLoad(event, () -> config.processor().update(load.descriptor()));
            } else if (event instanceof ModelEvent.Remove remove) {
                offLoad(event, () -> {
                    config.processor().remove(remove.dataType());
                    return remove;
                });
            } else {
                markRestored();
                pull(models);
            }
        }

        private void offLoad(ModelEvent event, java.util.function.Supplier<Object> work) {
            CompletableFuture.supplyAsync(work, loadingExecutor)
                    .whenComplete((outcome, failure) ->
                            loaded.invoke(Pair.create(event, failure != null ? failure : outcome)));
        }

        private void onLoaded(Pair<ModelEvent, Object> outcome) {
            if (outcome.second() instanceof Throwable failure) {
                failStage(failure);
                return;
            }
            if (outcome.second() instanceof ModelUpdate update
                    && outcome.first() instanceof ModelEvent.Load load) {
                config.updateListener().accept(update, load.tag());
                if (update.accepted() && parked != null && !needsModel(parked)) {
                    cancelTimer(WAIT_TIMER);
                    List<E> batch = parked;
                    parked = null;
                    dispatch(batch);
                }
            }
            if (!isClosed(models)) {
                pull(models);
            }
            pullData();
            completeIfDone();
        }

        private void admit(List<E> batch) {
            if (!config.noModelWait().isZero() && needsModel(batch)) {
                parked = batch;
                scheduleOnce(WAIT_TIMER, config.noModelWait());
            } else {
                dispatch(batch);
            }
            pullData();
        }

        @Override
        public void onTimer(Object key) {
            if (parked != null) {
                List<E> batch = parked;
                parked = null;
                dispatch(batch);
                pullData();
                completeIfDone();
            }
        }

        private boolean needsModel(List<E> batch) {
            for (E element : batch) {
                String dataType = config.dataTypeToWaitFor().apply(element);
                if (dataType != null && config.processor().currentModel(dataType).isEmpty()) {
                    return true;
                }
            }
            return false;
        }

        private void dispatch(List<E> batch) {
            if (config.parallelism() == 1) {
                ready.add(new ArrayDeque<>(config.scorer().score(batch)));
                pushReady();
                return;
            }
            Scoring job = new Scoring(batch);
            scoring.add(job);
            CompletableFuture.supplyAsync(() -> config.scorer().score(batch), scoringExecutor)
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
            if (restored && parked == null && held < config.parallelism() && !isClosed(data)
                    && !hasBeenPulled(data)) {
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
