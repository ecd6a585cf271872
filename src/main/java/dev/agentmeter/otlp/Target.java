package dev.agentmeter.otlp;

/**
 * What a row of the {@link MappingTable} fills in: a field of the task object (named as in
 * {@code POST /api/tasks}) or a value the mapping reads to decide one (the operation, the error type, the
 * tool's name).
 */
enum Target {
    OPERATION(Kind.TEXT, null),
    AGENT(Kind.TEXT, "agent"),
    MODEL(Kind.TEXT, "model"),
    PROVIDER(Kind.TEXT, "provider"),
    INPUT_TOKENS(Kind.WHOLE, "input_tokens"),
    OUTPUT_TOKENS(Kind.WHOLE, "output_tokens"),
    CACHE_READ_TOKENS(Kind.WHOLE, "cache_read_tokens"),
    CACHE_WRITE_TOKENS(Kind.WHOLE, "cache_write_tokens"),
    COST_USD(Kind.NUMBER, "cost_usd"),
    ERROR_TYPE(Kind.TEXT, null),
    ERROR(Kind.TEXT, "error"),
    DURATION_MS(Kind.NUMBER, "duration_ms"),
    SUCCESS(Kind.FLAG, "success"),
    TOOL_NAME(Kind.TEXT, null);

    /** How an attribute value is read for this target (see {@link AttributeValues}). */
    enum Kind { TEXT, WHOLE, NUMBER, FLAG }

    private final Kind kind;
    private final String field;

    Target(Kind kind, String field) {
        this.kind = kind;
        this.field = field;
    }

    Kind kind() {
        return kind;
    }

    /** The task object's field this target fills, or null when it only helps the mapping decide. */
    String field() {
        return field;
    }
}
