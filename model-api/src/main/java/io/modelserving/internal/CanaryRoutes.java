package io.modelserving.internal;

/**
 * Which records a canary takes: those whose routing key falls in the canary's share of 10,000 buckets. The
 * bucket depends on the key's bytes only, so a key goes to the same model on every instance, after every
 * restart and whatever else is deployed.
 */
public final class CanaryRoutes {

    private static final int BUCKETS = 10_000;

    private CanaryRoutes() {
    }

    /** The route of a record: a 64-bit FNV-1a hash of its key's bytes, finished with a mixer. */
    public static long route(byte[] key) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : key) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return mix(hash);
    }

    /** The route of a record known by a hash code only (records with no key). */
    public static long route(int hashCode) {
        return mix(hashCode);
    }

    /** Whether a record of {@code route} goes to a canary serving {@code percent} of keys. */
    public static boolean takes(long route, double percent) {
        return Math.floorMod(route, BUCKETS) < percent * (BUCKETS / 100);
    }

    private static long mix(long value) {
        long z = value + 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
