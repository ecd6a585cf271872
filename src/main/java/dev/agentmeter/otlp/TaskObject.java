package dev.agentmeter.otlp;

import static dev.agentmeter.otlp.Target.AGENT;
import static dev.agentmeter.otlp.Target.CACHE_READ_TOKENS;
import static dev.agentmeter.otlp.Target.CACHE_WRITE_TOKENS;
import static dev.agentmeter.otlp.Target.COST_USD;
import static dev.agentmeter.otlp.Target.INPUT_TOKENS;
import static dev.agentmeter.otlp.Target.MODEL;
import static dev.agentmeter.otlp.Target.OUTPUT_TOKENS;
import static dev.agentmeter.otlp.Target.PROVIDER;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.google.protobuf.ByteString;

/**
 * Builds the task object (the fields of {@code POST /api/tasks}) of a span or an event from what the table
 * found. Only a model call carries model, provider, tokens and cost: an agent span that repeats its
 * children's usage adds nothing to the totals. Input tokens are normalised to include the cached ones when
 * the dialect counted them apart. Values are not checked here: the task rules do that, item by item.
 *
 * <p>Thread-safe (stateless).
 */
final class TaskObject {

    static final List<Target> USAGE = List.of(INPUT_TOKENS, OUTPUT_TOKENS, CACHE_READ_TOKENS, CACHE_WRITE_TOKENS,
            COST_USD);
    private static final HexFormat HEX = HexFormat.of();

    private TaskObject() {
    }

    /**
     * @param provider the provider when the attributes name none (a dialect served by one provider), or null
     * @param traceId  the item's trace id as sent; empty when it has none
     */
    static Map<String, Object> of(String name, Object durationMs, Object success, Object error, Found found,
                                  boolean modelCall, String provider, ByteString traceId) {
        var task = new HashMap<String, Object>(16); // room for every field without a resize
        task.put("name", name);
        if (durationMs != null) {
            task.put("duration_ms", durationMs);
        }
        if (success != null) {
            task.put("success", success);
        }
        if (error != null && Boolean.FALSE.equals(success)) {
            task.put("error", error);
        }
        putIfPresent(task, found, AGENT);
        if (!traceId.isEmpty()) {
            task.put("trace_id", HEX.formatHex(traceId.toByteArray()));
        }
        if (modelCall) {
            putIfPresent(task, found, MODEL);
            if (found.has(PROVIDER) || provider != null) {
                task.put(PROVIDER.field(), found.has(PROVIDER) ? found.get(PROVIDER) : provider);
            }
            for (Target usage : USAGE) {
                putIfPresent(task, found, usage);
            }
            normaliseInput(task, found);
        }
        return task;
    }

    /** Whether the item reported any usage (tokens or cost). */
    static boolean hasUsage(Found found) {
        for (Target usage : USAGE) {
            if (found.has(usage)) {
                return true;
            }
        }
        return false;
    }

    /** Input = input + cache read + cache write, for a dialect whose input count leaves the cached ones out. */
    static void normaliseInput(Map<String, Object> task, Found found) {
        if (!found.has(INPUT_TOKENS) || found.row(INPUT_TOKENS).dialect().inputCountsCache()) {
            return;
        }
        Long input = whole(task.get(INPUT_TOKENS.field()));
        Object read = task.get(CACHE_READ_TOKENS.field());
        Object write = task.get(CACHE_WRITE_TOKENS.field());
        Long cacheRead = read == null ? Long.valueOf(0) : whole(read);
        Long cacheWrite = write == null ? Long.valueOf(0) : whole(write);
        if (input == null || cacheRead == null || cacheWrite == null) {
            return; // a bad value: the task rules refuse it and say which
        }
        try {
            task.put(INPUT_TOKENS.field(), Math.addExact(input, Math.addExact(cacheRead, cacheWrite)));
        } catch (ArithmeticException e) {
            // Beyond any real count: left as sent, the task rules refuse the cache counts.
        }
    }

    /** A whole number as a long, or null when the value is none. */
    static Long whole(Object value) {
        if (value instanceof Long number) {
            return number;
        }
        try {
            if (value instanceof BigDecimal decimal) {
                return decimal.longValueExact();
            }
            if (value instanceof Double number && number == Math.rint(number) && Math.abs(number) < 1e18) {
                return number.longValue();
            }
        } catch (ArithmeticException e) {
            return null;
        }
        return null;
    }

    private static void putIfPresent(Map<String, Object> task, Found found, Target target) {
        Object value = found.get(target);
        if (value != null) {
            task.put(target.field(), value);
        }
    }
}
