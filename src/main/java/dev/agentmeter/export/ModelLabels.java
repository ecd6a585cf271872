package dev.agentmeter.export;

import dev.agentmeter.metrics.PerformanceMetrics;
import dev.agentmeter.metrics.TaskRecord;

/**
 * The label values of the GenAI series, each bounded so that no client can grow the number of series without
 * bound:
 * <ul>
 *   <li>{@code gen_ai_request_model}: the first {@link PerformanceMetrics#MAX_MODELS} distinct models have their
 *       own value, later ones share {@link PerformanceMetrics#OTHER_MODELS};</li>
 *   <li>{@code gen_ai_provider_name}: the same cap of distinct providers, and of distinct (model, provider)
 *       pairs: a later pair keeps its provider but counts under the model {@code other}, so models times
 *       providers stays within twice the cap;</li>
 *   <li>{@code error_type}: the error message of a failed call (the OTLP mapping puts the span's
 *       {@code error.type} there when it has no message), cut to {@value #MAX_ERROR_TYPE_LENGTH} characters,
 *       for the first {@value #MAX_ERROR_TYPES} distinct ones, then {@value #OTHER_ERROR_TYPE} (the semantic
 *       conventions' fallback); empty for a success.</li>
 * </ul>
 * An unknown model or provider has the empty value, which Prometheus treats as no label.
 *
 * <p>Thread-safe and lock-free.
 */
final class ModelLabels {

    static final int MAX_ERROR_TYPES = 20;
    static final int MAX_ERROR_TYPE_LENGTH = 100;
    static final String OTHER_ERROR_TYPE = "_OTHER";

    private final BoundedValues models = new BoundedValues(PerformanceMetrics.MAX_MODELS);
    private final BoundedValues providers = new BoundedValues(PerformanceMetrics.MAX_MODELS);
    private final BoundedValues pairs = new BoundedValues(PerformanceMetrics.MAX_MODELS);
    private final BoundedValues errorTypes = new BoundedValues(MAX_ERROR_TYPES);

    /** {@code {model, provider}} label values of a call to {@code model} served by {@code provider}. */
    String[] of(String model, String provider) {
        String providerValue = provider == null ? "" : providers.admit(provider, PerformanceMetrics.OTHER_MODELS);
        if (model == null) {
            return new String[] {"", providerValue};
        }
        String modelValue = models.admit(model, PerformanceMetrics.OTHER_MODELS);
        boolean ownPair = pairs.admit(modelValue + '\u0000' + providerValue, null) != null;
        return new String[] {ownPair ? modelValue : PerformanceMetrics.OTHER_MODELS, providerValue};
    }

    /** The {@code model} label value alone, bounded like {@code gen_ai_request_model}. */
    String model(String model) {
        return model == null ? "" : models.admit(model, PerformanceMetrics.OTHER_MODELS);
    }

    /** The {@code error_type} label value of {@code task}: empty for a success. */
    String errorType(TaskRecord task) {
        if (task.success()) {
            return "";
        }
        String error = task.error();
        if (error.length() > MAX_ERROR_TYPE_LENGTH) {
            error = error.substring(0, MAX_ERROR_TYPE_LENGTH);
        }
        return errorTypes.admit(error, OTHER_ERROR_TYPE);
    }
}
