package dev.agentmeter.mcp.features;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.agentmeter.mcp.McpErrors;
import dev.agentmeter.operations.Arguments;
import dev.agentmeter.operations.DiagnosisView;
import dev.agentmeter.operations.Envelope;
import dev.agentmeter.operations.JsonCodec;
import dev.agentmeter.operations.PerformanceOperations;
import io.modelcontextprotocol.server.McpServerFeatures.AsyncPromptSpecification;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.GetPromptRequest;
import io.modelcontextprotocol.spec.McpSchema.GetPromptResult;
import io.modelcontextprotocol.spec.McpSchema.Prompt;
import reactor.core.publisher.Mono;

/**
 * Binds each prompt definition to its operations and fills {@link PromptTexts} with the figures. A refused
 * argument is answered with invalid params and the operation's message; an unexpected fault is logged once and
 * answered with an internal error.
 *
 * <p>Thread-safe.
 */
public final class PromptHandlers {

    private static final Logger log = LoggerFactory.getLogger(PromptHandlers.class);

    private final PromptDefinitions definitions;
    private final PerformanceOperations operations;
    private final JsonCodec json;
    private final int errorLogSize;

    public PromptHandlers(PromptDefinitions definitions, PerformanceOperations operations, JsonCodec json,
                          int errorLogSize) {
        this.definitions = definitions;
        this.operations = operations;
        this.json = json;
        this.errorLogSize = errorLogSize;
    }

    /** The two prompts with their handlers. */
    public List<AsyncPromptSpecification> specifications() {
        return List.of(bound(definitions.diagnosePerformance(), this::diagnose),
                bound(definitions.summarizeErrors(), this::summarizeErrors));
    }

    private GetPromptResult diagnose(Arguments arguments) {
        var diagnosis = (DiagnosisView) data(operations.getDiagnosis(arguments));
        return PromptTexts.diagnosis(json.write(diagnosis), diagnosis.task(), diagnosis.window());
    }

    private GetPromptResult summarizeErrors(Arguments arguments) {
        List<?> errors = (List<?>) data(operations.getErrorLog(arguments));
        var figures = new LinkedHashMap<String, Object>();
        figures.put("metrics", data(operations.getPerformanceMetrics(Arguments.none())));
        figures.put("errors", errors);
        return PromptTexts.errorSummary(json.write(figures), errors.size(), errorLogSize);
    }

    private AsyncPromptSpecification bound(Prompt prompt, Function<Arguments, GetPromptResult> handler) {
        return new AsyncPromptSpecification(prompt, (exchange, request) ->
                Mono.fromSupplier(() -> handler.apply(arguments(request)))
                        .onErrorResume(fault -> !(fault instanceof McpError), fault -> {
                            log.error("Prompt {} failed", prompt.name(), fault);
                            return Mono.error(McpErrors.internal());
                        }));
    }

    /**
     * Prompt arguments arrive as strings, and some clients send an empty string for one left blank: a blank one
     * counts as absent, a limit is read as a number, and summarize_errors takes the whole log by default.
     */
    private Arguments arguments(GetPromptRequest request) {
        var values = new LinkedHashMap<String, Object>();
        Map<String, Object> given = request.arguments() == null ? Map.of() : request.arguments();
        given.forEach((name, value) -> {
            if (value != null && !(value instanceof String text && text.isBlank())) {
                values.put(name, PromptDefinitions.LIMIT_ARGUMENT.equals(name) ? number(value) : value);
            }
        });
        if (PromptDefinitions.SUMMARIZE_ERRORS.equals(request.name())) {
            values.putIfAbsent(PromptDefinitions.LIMIT_ARGUMENT, errorLogSize);
        }
        return Arguments.of(values);
    }

    /** {@code "20"} as the number 20; anything else unchanged, for the operation to refuse with its message. */
    private static Object number(Object value) {
        if (value instanceof String text && text.strip().matches("-?\\d{1,18}")) {
            return Long.parseLong(text.strip());
        }
        return value;
    }

    private static Object data(Envelope envelope) {
        if (envelope instanceof Envelope.Failure failure) {
            throw McpErrors.of(failure, null);
        }
        return ((Envelope.Success) envelope).data();
    }
}
