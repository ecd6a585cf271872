package dev.agentmeter.operations;

/**
 * What an argument of an operation is, and so how it is checked ({@link Arguments}) and which JSON type its
 * schema gives ({@link #jsonType()}).
 */
public enum ArgumentKind {
    /** How many entries, newest first: a whole number of at least 1, clamped to a capacity. */
    LIMIT("integer"),
    /** A finite number of seconds within a range. */
    SECONDS("number"),
    /** {@code true} or {@code false}. */
    FLAG("boolean"),
    /** The name to record a task under (required; {@link TaskNames#sanitizeNew}). */
    NEW_TASK_NAME("string"),
    /** A task name to look up (required). */
    TASK_NAME("string"),
    /** A task name to look up, or absent for every task. */
    OPTIONAL_TASK_NAME("string"),
    /** An agent's name to filter by, or absent for every agent. */
    AGENT("string"),
    /** A time window such as {@code 30s}, {@code 15m} or {@code 1h}, clamped to the time series' reach. */
    WINDOW("string");

    private final String jsonType;

    ArgumentKind(String jsonType) {
        this.jsonType = jsonType;
    }

    /** The JSON Schema type of the argument's value. */
    public String jsonType() {
        return jsonType;
    }

    /** Whether a query string gives it as text even when it reads as a number (an agent may be called "42"). */
    public boolean isText() {
        return jsonType.equals("string");
    }
}
