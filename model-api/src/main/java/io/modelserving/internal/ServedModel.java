package io.modelserving.internal;

import io.modelserving.Model;
import io.modelserving.CandidateStats;
import io.modelserving.ModelInfo;
import io.modelserving.ModelRole;
import io.modelserving.ShadowComparison;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A model installed for a data type, with its scoring counters and a reference count.
 *
 * <p>The processor holds one reference while the model is current; each scoring call holds one while it
 * runs. The model is closed when the count drops to zero, so a swap never closes a model under a call.
 */
public final class ServedModel<I, O> {

    private static final Logger LOG = LoggerFactory.getLogger(ServedModel.class);

    private final Model<I, O> model;
    private final ModelInfo info;
    private final double canaryPercent;
    private final String fingerprint;
    private final ShadowStats shadowStats;
    // Shared by every ServedModel of the same loaded model: a promoted model changes role, not instance.
    private final AtomicInteger references;
    private final LongAdder invocations = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder totalNanos = new LongAdder();
    private final AtomicLong minNanos = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong maxNanos = new AtomicLong();
    private final AtomicInteger callsRunning = new AtomicInteger();
    // Kept for canaries and ensemble members only (a shadow's stats keep their own): the primary's hot path
    // records no histogram.
    private final LatencyHistogram latency;

    public ServedModel(Model<I, O> model, ModelInfo info) {
        this(model, info, 0, "", new AtomicInteger(1));
    }

    /** A model in {@code info}'s role; {@code fingerprint} identifies its content (see {@link Fingerprints}). */
    public ServedModel(Model<I, O> model, ModelInfo info, double canaryPercent, String fingerprint) {
        this(model, info, canaryPercent, fingerprint, new AtomicInteger(1));
    }

    private ServedModel(Model<I, O> model, ModelInfo info, double canaryPercent, String fingerprint,
                        AtomicInteger references) {
        this.model = model;
        this.info = info;
        this.canaryPercent = canaryPercent;
        this.fingerprint = fingerprint;
        this.shadowStats = info.role() == ModelRole.SHADOW ? new ShadowStats() : null;
        this.latency = info.role() == ModelRole.CANARY || info.role() == ModelRole.ENSEMBLE
                ? new LatencyHistogram() : null;
        this.references = references;
    }

    /**
     * The same loaded model in the role {@code newInfo} names, with counters of its own, holding a reference of
     * its own; null when this one has been closed already.
     */
    public ServedModel<I, O> movedTo(ModelInfo newInfo) {
        if (!acquire()) {
            return null;
        }
        return new ServedModel<>(model, newInfo, 0, fingerprint, references);
    }

    public double canaryPercent() {
        return canaryPercent;
    }

    /** What identifies this model's content; empty when not computed (primary models). */
    public String fingerprint() {
        return fingerprint;
    }

    /** The comparison counters of a shadow; null in any other role. */
    public ShadowStats shadowStats() {
        return shadowStats;
    }

    /** This model's stats in its role beside a primary. */
    public CandidateStats candidateStats() {
        ShadowComparison comparison = shadowStats == null ? null : shadowStats.snapshot(failures());
        long p99 = comparison != null ? comparison.p99Nanos() : latency != null ? latency.percentile(0.99) : 0;
        return new CandidateStats(info, canaryPercent, invocations(), failures(), totalNanos(), comparison, p99);
    }

    public Model<I, O> model() {
        return model;
    }

    public ModelInfo info() {
        return info;
    }

    /** Takes a reference for a scoring call; false when the model has already been retired and closed. */
    public boolean acquire() {
        while (true) {
            int current = references.get();
            if (current == 0) {
                return false;
            }
            if (references.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    /** Drops a reference; the last one closes the model. */
    public void release() {
        if (references.decrementAndGet() == 0) {
            try {
                model.close();
            } catch (Exception e) {
                LOG.warn("Closing model {} failed", info.label(), e);
            }
        }
    }

    /** Counts a call started on another thread, unless {@code limit} calls are running already (then false). */
    public boolean startCall(int limit) {
        while (true) {
            int running = callsRunning.get();
            if (running >= limit) {
                return false;
            }
            if (callsRunning.compareAndSet(running, running + 1)) {
                return true;
            }
        }
    }

    /** Counts the end of a call {@link #startCall} counted. */
    public void endCall() {
        callsRunning.decrementAndGet();
    }

    /** Records {@code count} scoring calls that took {@code nanos} in all, {@code failed} of them failing. */
    public void record(int count, int failed, long nanos) {
        invocations.add(count);
        failures.add(failed);
        totalNanos.add(nanos);
        long perCall = count == 0 ? nanos : nanos / count;
        minNanos.accumulateAndGet(perCall, Math::min);
        maxNanos.accumulateAndGet(perCall, Math::max);
        if (latency != null) {
            for (int i = 0; i < count; i++) {
                latency.record(perCall);
            }
        }
    }

    public long invocations() {
        return invocations.sum();
    }

    public long failures() {
        return failures.sum();
    }

    public long totalNanos() {
        return totalNanos.sum();
    }

    public long minNanos() {
        long min = minNanos.get();
        return min == Long.MAX_VALUE ? 0 : min;
    }

    public long maxNanos() {
        return maxNanos.get();
    }
}
