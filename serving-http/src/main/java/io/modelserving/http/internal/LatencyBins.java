package io.modelserving.http.internal;

/**
 * A fixed log-scale histogram layout for durations in nanoseconds: four equal bins per power of two, so a value's
 * bin midpoint is within 12.5 % of it. 160 bins cover up to 2<sup>40</sup> ns (about 18 minutes); longer values
 * fall in the last bin. Only shifts and a leading-zero count per value: cheap enough for every scored record.
 */
public final class LatencyBins {

    /** Bins per power of two. */
    private static final int SUB_BINS = 4;
    private static final int SUB_BITS = 2;
    private static final int OCTAVES = 40;

    /** The number of bins. */
    public static final int COUNT = OCTAVES * SUB_BINS;

    private LatencyBins() {
    }

    /** The bin of {@code nanos}; values below 1 go to bin 0, values past the range to the last bin. */
    public static int of(long nanos) {
        if (nanos < SUB_BINS) {
            return (int) Math.max(nanos, 0);
        }
        int octave = 63 - Long.numberOfLeadingZeros(nanos);
        if (octave >= OCTAVES) {
            return COUNT - 1;
        }
        int sub = (int) (nanos >>> (octave - SUB_BITS)) & (SUB_BINS - 1);
        return octave * SUB_BINS + sub;
    }

    /** The middle of a bin, in nanoseconds: what a percentile falling in it reports. */
    public static long midpoint(int bin) {
        if (bin < SUB_BINS) {
            return bin;   // one value per bin down here (0..3 ns)
        }
        int octave = bin / SUB_BINS;
        int sub = bin % SUB_BINS;
        long width = 1L << (octave - SUB_BITS);
        long lower = (long) (SUB_BINS + sub) * width;
        return lower + width / 2;
    }

    /**
     * The nearest-rank percentile of the counts, as the midpoint of the bin holding it; -1 when the counts are all
     * zero.
     *
     * @param quantile between 0 (exclusive) and 1 (inclusive), e.g. 0.99
     */
    public static long percentile(long[] counts, double quantile) {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        if (total == 0) {
            return -1;
        }
        long rank = Math.max(1, (long) Math.ceil(quantile * total));
        long seen = 0;
        for (int bin = 0; bin < counts.length; bin++) {
            seen += counts[bin];
            if (seen >= rank) {
                return midpoint(bin);
            }
        }
        return midpoint(counts.length - 1);
    }
}
