package dev.agentmeter.otlp;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.opentelemetry.proto.common.v1.KeyValue;

/**
 * Applies the {@link MappingTable}'s rows to attributes: one pass over an item's attributes, one hash look-up
 * per attribute, whatever the number of rows, so mapping costs the same with one dialect or ten.
 *
 * <p>Thread-safe (immutable once built).
 */
final class AttributeReader {

    /** The reader of {@link MappingTable#ROWS}, the only table there is. */
    static final AttributeReader TABLE = new AttributeReader(MappingTable.ROWS);

    private final List<MappingTable.Row> rows;
    private final Map<Scope, Map<String, int[]>> rowsByKey = new EnumMap<>(Scope.class);

    private AttributeReader(List<MappingTable.Row> rows) {
        this.rows = List.copyOf(rows);
        var building = new EnumMap<Scope, Map<String, List<Integer>>>(Scope.class);
        for (int i = 0; i < rows.size(); i++) {
            MappingTable.Row row = rows.get(i);
            building.computeIfAbsent(row.scope(), scope -> new HashMap<>())
                    .computeIfAbsent(row.key(), key -> new ArrayList<>()).add(i);
        }
        for (Scope scope : Scope.values()) {
            var byKey = new HashMap<String, int[]>();
            building.getOrDefault(scope, Map.of()).forEach((key, indexes) ->
                    byKey.put(key, indexes.stream().mapToInt(Integer::intValue).toArray()));
            rowsByKey.put(scope, Map.copyOf(byKey));
        }
    }

    /** Offers every attribute that a row of {@code scope} reads to {@code into}. */
    void read(Scope scope, List<KeyValue> attributes, Found into) {
        Map<String, int[]> byKey = rowsByKey.get(scope);
        for (int i = 0, n = attributes.size(); i < n; i++) {
            KeyValue attribute = attributes.get(i);
            int[] matching = byKey.get(attribute.getKey());
            if (matching == null) {
                continue;
            }
            for (int row : matching) {
                Target target = rows.get(row).target();
                into.offer(row, target, AttributeValues.as(target.kind(), attribute.getValue()));
            }
        }
    }
}
