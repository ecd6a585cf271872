package dev.agentmeter.operations;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One operation as the catalogue declares it: its name, the MCP tool and the JSON API route that are its
 * doors (either may be absent), and its arguments, in the order they are checked. {@link #check} is the one
 * validation every door goes through: an unknown argument first, then each argument by its own rules.
 *
 * @param tool  the MCP tool's name, or {@code null} when no tool calls it
 * @param route the JSON API's {@code "METHOD /path"}, or {@code null} when no route calls it
 */
public record OperationSpec(String name, String tool, String route, List<ArgumentSpec> arguments) {

    public OperationSpec {
        arguments = List.copyOf(arguments);
    }

    public List<String> argumentNames() {
        return arguments.stream().map(ArgumentSpec::name).toList();
    }

    /** The arguments checked by their rules, or the first refusal: an unknown argument, then in order. */
    public Checked<ArgumentValues> check(Arguments given) {
        List<String> names = argumentNames();
        Optional<String> unknown = given.unknownArgument(names);
        if (unknown.isPresent()) {
            return Checked.invalid(unknownArgument(unknown.get(), names));
        }
        var values = new LinkedHashMap<String, Object>();
        for (ArgumentSpec argument : arguments) {
            Checked<?> value = argument.read(given);
            if (value instanceof Checked.Invalid<?> invalid) {
                return Checked.invalid(invalid.message());
            }
            values.put(argument.name(), ((Checked.Valid<?>) value).value());
        }
        return Checked.valid(new ArgumentValues(Collections.unmodifiableMap(values)));
    }

    /** {@code operation}'s answer for valid arguments; the {@code invalid_argument} envelope otherwise. */
    public Envelope answer(Arguments given, Function<ArgumentValues, Envelope> operation) {
        Checked<ArgumentValues> checked = check(given);
        if (checked instanceof Checked.Invalid<ArgumentValues> invalid) {
            return Envelope.invalidArgument(invalid.message());
        }
        return operation.apply(((Checked.Valid<ArgumentValues>) checked).value());
    }

    /** The refusal of an argument not in {@code allowed}, in the same words for every operation. */
    public static String unknownArgument(String name, List<String> allowed) {
        String expected = allowed.isEmpty() ? "this operation takes no arguments"
                : "expected: " + String.join(", ", allowed);
        return "unknown argument '" + TaskNames.printable(name) + "'; " + expected;
    }
}
