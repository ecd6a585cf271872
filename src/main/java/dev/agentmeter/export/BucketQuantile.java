package dev.agentmeter.export;

import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;

/**
 * A quantile estimated from classic histogram buckets the way PromQL's {@code histogram_quantile} does it:
 * linear interpolation inside the bucket that holds the rank; the {@code +Inf} bucket answers its lower bound.
 * Stateless.
 */
final class BucketQuantile {

    private BucketQuantile() {
    }

    /** {@code counts[i]} is the number of observations in bucket {@code i} alone (not cumulative). */
    static Double estimate(double[] upperBounds, long[] counts, double quantile) {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        if (total == 0) {
            return null;
        }
        double rank = quantile * total;
        long below = 0;
        for (int i = 0; i < upperBounds.length; i++) {
            double lower = i == 0 ? 0 : upperBounds[i - 1];
            if (below + counts[i] >= rank && counts[i] > 0) {
                if (Double.isInfinite(upperBounds[i])) {
                    return lower;
                }
                return lower + (upperBounds[i] - lower) * (rank - below) / counts[i];
            }
            below += counts[i];
        }
        return upperBounds[upperBounds.length - 1];
    }

    static double[] upperBounds(ClassicHistogramBuckets buckets) {
        var bounds = new double[buckets.size()];
        for (int i = 0; i < bounds.length; i++) {
            bounds[i] = buckets.getUpperBound(i);
        }
        return bounds;
    }
}
