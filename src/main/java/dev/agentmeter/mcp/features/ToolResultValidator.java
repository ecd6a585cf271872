package dev.agentmeter.mcp.features;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;

import io.modelcontextprotocol.json.schema.JsonSchemaValidator;

/**
 * Checks every tool result against its tool's output schema, as the SDK's own validator does (same library,
 * networknt, same JSON Schema 2020-12 dialect, same words when a result does not match), without its per-call
 * overhead: a schema is compiled once and found again by identity (the SDK hands over the same map, the tool's
 * {@code outputSchema}, on every call; its own validator hashed the whole map for a cache key each time), a
 * {@link StructuredJson} result is checked as the tree it already is and answers with the text it already has, and
 * a value in a nullable field is checked without the error networknt builds and drops for each type it is not
 * ({@link QuickUnionType}).
 * Any other structured content goes to the SDK's validator unchanged.
 *
 * <p>Start-up pays for none of it (issue 15): the SDK's validator is made on first use, and schemas are compiled
 * at the first call that needs them. The SDK's check of each tool's schemas at registration
 * ({@link #validateSchema}) is not repeated at every start: the schemas are our own constants, and
 * {@code EveryToolSchemaTest} checks each against the JSON Schema 2020-12 meta-schema with the SDK's validator.
 *
 * <p>Bounded: at most {@value #MAX_CACHED_SCHEMAS} compiled schemas are kept (this server has a dozen tools);
 * past that a schema is compiled for its one call.
 *
 * <p>Thread-safe: compiled schemas are immutable and shared through a concurrent map.
 */
public final class ToolResultValidator implements JsonSchemaValidator {

    static final int MAX_CACHED_SCHEMAS = 256;

    private final Supplier<JsonSchemaValidator> sdkOnFirstUse;
    private final ObjectMapper mapper = new ObjectMapper();
    // Made by the first call that needs it (racing callers may each make one; the last one written stays).
    private volatile JsonSchemaValidator sdk;
    private volatile SchemaRegistry registry;
    // Added to by whichever call first meets a schema, read by every call after.
    private final Map<SchemaIdentity, Schema> compiled = new ConcurrentHashMap<>();

    /** {@code sdk} serves what is not ours: foreign structured content. */
    public ToolResultValidator(JsonSchemaValidator sdk) {
        this(() -> sdk);
    }

    /** {@code sdkOnFirstUse} makes the validator for foreign structured content, when some first comes. */
    public ToolResultValidator(Supplier<JsonSchemaValidator> sdkOnFirstUse) {
        this.sdkOnFirstUse = sdkOnFirstUse;
    }

    @Override
    public ValidationResponse validate(Map<String, Object> schema, Object structuredContent) {
        if (!(structuredContent instanceof StructuredJson content) || schema == null) {
            return sdk().validate(schema, structuredContent);
        }
        List<Error> errors;
        try {
            errors = compiled(schema).validate(content.tree());
        } catch (RuntimeException e) {
            return ValidationResponse.asInvalid("Unexpected validation error: " + e.getMessage());
        }
        return errors.isEmpty() ? ValidationResponse.asValid(content.text())
                : ValidationResponse.asInvalid("Validation failed: JSON schema validation errors: " + errors);
    }

    /** Valid: only our own tools are registered, and a test checks their schemas (see above). */
    @Override
    public ValidationResponse validateSchema(Map<String, Object> schema) {
        return ValidationResponse.asValid(null);
    }

    private JsonSchemaValidator sdk() {
        JsonSchemaValidator made = sdk;
        if (made == null) {
            made = sdkOnFirstUse.get();
            sdk = made;
        }
        return made;
    }

    private SchemaRegistry registry() {
        SchemaRegistry made = registry;
        if (made == null) {
            made = SchemaRegistry.withDefaultDialect(QuickUnionType.into(Dialects.getDraft202012()));
            registry = made;
        }
        return made;
    }

    private Schema compiled(Map<String, Object> schema) {
        var identity = new SchemaIdentity(schema);
        Schema known = compiled.get(identity);
        if (known != null) {
            return known;
        }
        Schema fresh = registry().getSchema(mapper.valueToTree(schema));
        if (compiled.size() < MAX_CACHED_SCHEMAS) {
            compiled.putIfAbsent(identity, fresh);
        }
        return fresh;
    }

    /**
     * A schema map as a key by identity: the SDK never changes a registered tool's schema, and hashing its content
     * on every call was the cost this class removes.
     */
    private record SchemaIdentity(Map<String, Object> schema) {
        @Override
        public boolean equals(Object other) {
            return other instanceof SchemaIdentity that && that.schema == schema;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(schema);
        }
    }
}
