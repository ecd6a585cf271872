package dev.agentmeter.mcp.features;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaContext;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.keyword.Keyword;
import com.networknt.schema.keyword.KeywordValidator;
import com.networknt.schema.keyword.TypeValidator;
import com.networknt.schema.path.NodePath;

/**
 * networknt's {@code type} keyword, with one shortcut: a union of type names ({@code "type": ["number", "null"]},
 * how every nullable field of our output schemas is written) that the value matches is settled by networknt's own
 * test of each name ({@link TypeValidator#equalsToSchemaType}), stopping at the first that matches. Anything else,
 * a value that matches no name included, goes to networknt's {@link TypeValidator} as before, so the verdict and the
 * words of an error are networknt's.
 *
 * <p>Why: networknt checks a union by running each type's validator in turn into an error list of its own, and a
 * type that does not match builds a full error (message arguments, evaluation path, locale) that is then dropped:
 * every {@code null} in a nullable field paid for one. That was about a fifth of the check of
 * {@code get_performance_metrics} before any task is recorded (six response times are null), and 30% of the check
 * of ten history entries, where most of eight nullable fields are null (BENCHMARKS.md, issue 15, round 8).
 *
 * <p>Thread-safe: immutable once made, like networknt's validators.
 */
final class QuickUnionType implements Keyword {

    private static final String TYPE = "type";

    /** {@code base} with this keyword in place of its {@code type}. */
    static Dialect into(Dialect base) {
        return Dialect.builder(base).keyword(new QuickUnionType()).build();
    }

    @Override
    public String getValue() {
        return TYPE;
    }

    @Override
    public KeywordValidator newValidator(SchemaLocation location, JsonNode schemaNode, Schema parentSchema,
                                         SchemaContext context) {
        var whole = new TypeValidator(location, schemaNode, parentSchema, context);
        if (!schemaNode.isArray()) {
            return whole;
        }
        var names = new ArrayList<TypeValidator>(schemaNode.size());
        for (int index = 0; index < schemaNode.size(); index++) {
            JsonNode name = schemaNode.get(index);
            if (!name.isTextual()) {
                return whole; // a schema among the types (draft 3): networknt's union alone knows what to do
            }
            names.add(new TypeValidator(location.append(index), name, parentSchema, context));
        }
        return new UnionCheck(whole, List.copyOf(names));
    }

    /** The union's check: any name that matches settles it; otherwise networknt's own, for its verdict and error. */
    private record UnionCheck(TypeValidator whole, List<TypeValidator> names) implements KeywordValidator {

        @Override
        public void validate(ExecutionContext context, JsonNode node, JsonNode rootNode, NodePath instanceLocation) {
            for (TypeValidator name : names) {
                if (name.equalsToSchemaType(node, context)) {
                    return;
                }
            }
            whole.validate(context, node, rootNode, instanceLocation);
        }

        @Override
        public void preloadSchema() {
            whole.preloadSchema();
        }

        @Override
        public String getKeyword() {
            return TYPE;
        }

        @Override
        public SchemaLocation getSchemaLocation() {
            return whole.getSchemaLocation();
        }
    }
}
