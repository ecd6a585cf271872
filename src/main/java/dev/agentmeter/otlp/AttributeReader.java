package dev.agentmeter.otlp;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.opentelemetry.proto.common.v1.KeyValue;

/**
 * Applies the {@link MappingTable}'s rows to attributes: one pass over an item's attributes, whatever the
 * number of rows, so mapping costs the same with one dialect or ten. Keys are looked up by their length, then
 * compared: every key arrives as a fresh string, and hashing each one (as a hash map would) was most of the
 * mapping's time, where a length check and a comparison that stops at the first differing byte are nearly free.
 *
 * <p>Thread-safe (immutable once built).
 */
final class AttributeReader {

    // Before TABLE: static fields are set in order, and building TABLE reads this one.
    private static final Key[] NONE = new Key[0];

    /** The reader of {@link MappingTable#ROWS}, the only table there is. */
    static final AttributeReader TABLE = new AttributeReader(MappingTable.ROWS);

    /** A key some rows read, and those rows' indexes in table order. */
    private record Key(String key, int[] rows) {
    }

    private final List<MappingTable.Row> rows;
    // Per scope, the keys indexed by their length.
    private final Map<Scope, Key[][]> keysByLength = new EnumMap<>(Scope.class);

    private AttributeReader(List<MappingTable.Row> rows) {
        this.rows = List.copyOf(rows);
        var building = new EnumMap<Scope, Map<String, List<Integer>>>(Scope.class);
        for (int i = 0; i < rows.size(); i++) {
            MappingTable.Row row = rows.get(i);
            building.computeIfAbsent(row.scope(), scope -> new HashMap<>())
                    .computeIfAbsent(row.key(), key -> new ArrayList<>()).add(i);
        }
        for (Scope scope : Scope.values()) {
            Map<String, List<Integer>> keys = building.getOrDefault(scope, Map.of());
            int longest = keys.keySet().stream().mapToInt(String::length).max().orElse(0);
            var byLength = new ArrayList<List<Key>>();
            for (int length = 0; length <= longest; length++) {
                byLength.add(new ArrayList<>());
            }
            keys.forEach((key, indexes) -> byLength.get(key.length())
                    .add(new Key(key, indexes.stream().mapToInt(Integer::intValue).toArray())));
            keysByLength.put(scope, byLength.stream().map(list -> list.isEmpty() ? NONE : list.toArray(Key[]::new))
                    .toArray(Key[][]::new));
        }
    }

    /** Offers every attribute that a row of {@code scope} reads to {@code into}. */
    void read(Scope scope, List<KeyValue> attributes, Found into) {
        Key[][] byLength = keysByLength.get(scope);
        for (int i = 0, n = attributes.size(); i < n; i++) {
            KeyValue attribute = attributes.get(i);
            String key = attribute.getKey();
            if (key.length() >= byLength.length) {
                continue;
            }
            for (Key candidate : byLength[key.length()]) {
                if (candidate.key().equals(key)) {
                    for (int row : candidate.rows()) {
                        Target target = rows.get(row).target();
                        into.offer(row, target, AttributeValues.as(target.kind(), attribute.getValue()));
                    }
                    break;
                }
            }
        }
    }
}
