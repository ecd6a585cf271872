package dev.agentmeter.otlp;

/** Where a row of the {@link MappingTable} reads its attribute. */
enum Scope {
    /** The resource's attributes (the process that sent the telemetry). */
    RESOURCE,
    /** A span's attributes. */
    SPAN,
    /** A log record's attributes (an event). */
    EVENT,
    /** A metric data point's attributes. */
    DATA_POINT
}
