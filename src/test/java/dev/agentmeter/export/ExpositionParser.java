package dev.agentmeter.export;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format (version 0.0.4), for tests: it rejects what a
 * Prometheus server would reject (bad names, bad label syntax, bad numbers, a TYPE after its samples or given
 * twice) and checks histograms: buckets in ascending {@code le} order, cumulative counts that never fall, a
 * {@code +Inf} bucket equal to {@code _count}, and a {@code _sum}.
 */
final class ExpositionParser {

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern TYPE_LINE = Pattern.compile("# TYPE (\\S+) (counter|gauge|histogram|summary|untyped)");
    private static final Pattern HELP_LINE = Pattern.compile("# HELP (\\S+)( .*)?");

    /** One sample line. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    /** A parsed exposition. */
    record Exposition(Map<String, String> types, List<Sample> samples) {

        /** The value of the one sample with this name and exactly these labels. */
        Optional<Double> value(String name, Map<String, String> labels) {
            return samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(labels))
                    .map(Sample::value).findFirst();
        }
    }

    private ExpositionParser() {
    }

    static Exposition parse(String text) {
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new IllegalArgumentException("the exposition must end with a newline");
        }
        var types = new LinkedHashMap<String, String>();
        var seenFamilies = new HashMap<String, Boolean>();
        var samples = new ArrayList<Sample>();
        int lineNumber = 0;
        for (String line : text.split("\n")) {
            lineNumber++;
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                Matcher type = TYPE_LINE.matcher(line);
                if (type.matches()) {
                    String family = type.group(1);
                    requireName(family, lineNumber);
                    if (types.putIfAbsent(family, type.group(2)) != null) {
                        throw fail(lineNumber, "second TYPE for " + family);
                    }
                    if (java.util.stream.Stream.of("", "_bucket", "_count", "_sum", "_total")
                            .anyMatch(suffix -> seenFamilies.containsKey(family + suffix))) {
                        throw fail(lineNumber, "TYPE for " + family + " after its samples");
                    }
                } else if (line.startsWith("# TYPE")) {
                    throw fail(lineNumber, "malformed TYPE line: " + line);
                } else if (line.startsWith("# HELP") && !HELP_LINE.matcher(line).matches()) {
                    throw fail(lineNumber, "malformed HELP line: " + line);
                }
                continue;
            }
            Sample sample = sample(line, lineNumber);
            seenFamilies.put(sample.name(), true);
            samples.add(sample);
        }
        var exposition = new Exposition(Map.copyOf(types), List.copyOf(samples));
        types.forEach((family, type) -> {
            if (type.equals("histogram")) {
                checkHistogram(family, exposition);
            }
        });
        return exposition;
    }

    private static Sample sample(String line, int lineNumber) {
        int position = 0;
        while (position < line.length() && line.charAt(position) != '{' && line.charAt(position) != ' ') {
            position++;
        }
        String name = line.substring(0, position);
        requireName(name, lineNumber);
        var labels = new TreeMap<String, String>();
        if (position < line.length() && line.charAt(position) == '{') {
            position = labels(line, position + 1, labels, lineNumber);
        }
        if (position >= line.length() || line.charAt(position) != ' ') {
            throw fail(lineNumber, "expected a space before the value");
        }
        String[] rest = line.substring(position + 1).split(" ");
        if (rest.length < 1 || rest.length > 2) {
            throw fail(lineNumber, "expected a value and an optional timestamp");
        }
        double value = number(rest[0], lineNumber);
        if (rest.length == 2) {
            try {
                Long.parseLong(rest[1]);
            } catch (NumberFormatException e) {
                throw fail(lineNumber, "bad timestamp " + rest[1]);
            }
        }
        return new Sample(name, Map.copyOf(labels), value);
    }

    /** Reads labels up to and past the closing brace; returns the position after it. */
    private static int labels(String line, int position, Map<String, String> labels, int lineNumber) {
        while (true) {
            if (position < line.length() && line.charAt(position) == '}') {
                return position + 1;
            }
            int equals = line.indexOf('=', position);
            if (equals < 0) {
                throw fail(lineNumber, "label without '='");
            }
            String labelName = line.substring(position, equals);
            if (!LABEL_NAME.matcher(labelName).matches()) {
                throw fail(lineNumber, "bad label name '" + labelName + "'");
            }
            if (equals + 1 >= line.length() || line.charAt(equals + 1) != '"') {
                throw fail(lineNumber, "label value must be quoted");
            }
            var value = new StringBuilder();
            int i = equals + 2;
            for (; i < line.length() && line.charAt(i) != '"'; i++) {
                char c = line.charAt(i);
                if (c == '\\') {
                    char escaped = i + 1 < line.length() ? line.charAt(++i) : ' ';
                    switch (escaped) {
                        case '\\' -> value.append('\\');
                        case '"' -> value.append('"');
                        case 'n' -> value.append('\n');
                        default -> throw fail(lineNumber, "bad escape \\" + escaped);
                    }
                } else {
                    value.append(c);
                }
            }
            if (i >= line.length()) {
                throw fail(lineNumber, "unterminated label value");
            }
            if (labels.containsKey(labelName)) {
                throw fail(lineNumber, "label " + labelName + " given twice");
            }
            if (!value.isEmpty()) { // Prometheus reads an empty label value as no label at all
                labels.put(labelName, value.toString());
            }
            position = i + 1;
            if (position < line.length() && line.charAt(position) == ',') {
                position++;
            }
        }
    }

    private static void checkHistogram(String family, Exposition exposition) {
        var series = new HashMap<Map<String, String>, List<Sample>>();
        for (Sample sample : exposition.samples()) {
            if (sample.name().equals(family + "_bucket")) {
                var withoutLe = new TreeMap<>(sample.labels());
                if (withoutLe.remove("le") == null) {
                    throw new IllegalArgumentException(family + "_bucket without le");
                }
                series.computeIfAbsent(Map.copyOf(withoutLe), key -> new ArrayList<>()).add(sample);
            }
        }
        series.forEach((labels, buckets) -> {
            double previousLe = Double.NEGATIVE_INFINITY;
            double previousCount = 0;
            for (Sample bucket : buckets) {
                double le = number(bucket.labels().get("le"), 0);
                if (le <= previousLe) {
                    throw new IllegalArgumentException(family + " buckets out of order at le=" + le);
                }
                if (bucket.value() < previousCount) {
                    throw new IllegalArgumentException(family + " bucket counts fall at le=" + le);
                }
                previousLe = le;
                previousCount = bucket.value();
            }
            if (previousLe != Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException(family + " has no +Inf bucket for " + labels);
            }
            double count = exposition.value(family + "_count", labels)
                    .orElseThrow(() -> new IllegalArgumentException(family + "_count missing for " + labels));
            if (count != previousCount) {
                throw new IllegalArgumentException(family + " +Inf bucket " + previousCount + " != _count " + count);
            }
            exposition.value(family + "_sum", labels)
                    .orElseThrow(() -> new IllegalArgumentException(family + "_sum missing for " + labels));
        });
    }

    private static double number(String text, int lineNumber) {
        switch (text) {
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            case "NaN":
                return Double.NaN;
            default:
                try {
                    return Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw fail(lineNumber, "bad number '" + text + "'");
                }
        }
    }

    private static void requireName(String name, int lineNumber) {
        if (!METRIC_NAME.matcher(name).matches()) {
            throw fail(lineNumber, "bad metric name '" + name + "'");
        }
    }

    private static IllegalArgumentException fail(int lineNumber, String why) {
        return new IllegalArgumentException("line " + lineNumber + ": " + why);
    }
}
