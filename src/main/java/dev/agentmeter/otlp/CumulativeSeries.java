package dev.agentmeter.otlp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.opentelemetry.proto.common.v1.KeyValue;

/**
 * Turns cumulative metric points into deltas: each series (resource attributes, metric name, point attributes
 * and start time) remembers its last value, and a new point adds what grew since. A series seen for the first
 * time counts from its start; a series that restarted (a new start time, which is a new series, or a value
 * that dropped) counts from zero again.
 *
 * <p>Bounded: at most {@code maxSeries} series, the least recently updated forgotten first (its next point
 * then counts from its start again). A series is kept as a SHA-256 digest of what identifies it, so a sender's
 * long attribute values cost no memory here.
 *
 * <p>Thread-safe: one lock around the map, held for a look-up and an update only.
 */
final class CumulativeSeries {

    private final int maxSeries;
    // Guarded by itself: read and written by request threads taking /v1/metrics.
    private final Map<Digest, Double> lastValues;

    CumulativeSeries(int maxSeries) {
        this.maxSeries = maxSeries;
        this.lastValues = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Digest, Double> eldest) {
                return size() > CumulativeSeries.this.maxSeries;
            }
        };
    }

    /** What the series grew by since its last point; the whole value for a new or restarted series. */
    double delta(List<KeyValue> resource, String metric, List<KeyValue> point, long startTimeNanos, double value) {
        Digest series = Digest.of(resource, metric, point, startTimeNanos);
        Double last;
        synchronized (lastValues) {
            last = lastValues.put(series, value);
        }
        return last == null || value < last ? value : value - last;
    }

    int size() {
        synchronized (lastValues) {
            return lastValues.size();
        }
    }

    /** The identity of a series, hashed: 256 bits leave no collision to fear. */
    private record Digest(long a, long b, long c, long d) {

        static Digest of(List<KeyValue> resource, String metric, List<KeyValue> point, long startTimeNanos) {
            MessageDigest sha = sha256();
            addAttributes(sha, resource);
            sha.update(metric.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            addAttributes(sha, point);
            sha.update(ByteBuffer.allocate(Long.BYTES).putLong(startTimeNanos).array());
            ByteBuffer hash = ByteBuffer.wrap(sha.digest());
            return new Digest(hash.getLong(), hash.getLong(), hash.getLong(), hash.getLong());
        }

        /** Attributes in key order, each as its encoded protobuf: the same set always hashes the same. */
        private static void addAttributes(MessageDigest sha, List<KeyValue> attributes) {
            var sorted = new ArrayList<>(attributes);
            sorted.sort(Comparator.comparing(KeyValue::getKey));
            for (KeyValue attribute : sorted) {
                byte[] encoded = attribute.toByteArray();
                sha.update(ByteBuffer.allocate(Integer.BYTES).putInt(encoded.length).array());
                sha.update(encoded);
            }
            sha.update((byte) 0);
        }

        private static MessageDigest sha256() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK has SHA-256", e);
            }
        }
    }
}
