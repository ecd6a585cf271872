package dev.agentmeter.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.agentmeter.metrics.MetricsCapacities;

/**
 * README's tool and API reference agrees with the {@link OperationCatalogue}: every tool and route is listed,
 * with the arguments the catalogue declares (names, defaults, ranges) and no others.
 */
class ReadmeReferenceTest {

    private static final Pattern TOOL_ROW = Pattern.compile("^\\| `([a-z_]+)` \\| ([^|]*) \\|");
    private static final Pattern ROUTE_ROW = Pattern.compile("^\\| `(GET|POST) (/api/[^`?\\s]*)(\\?[^`]*)?`([^|]*)\\|");
    private static final Pattern BACKTICKED = Pattern.compile("`([a-z_]+)`");
    /** Routes of the API that are no operation of the catalogue: a task report's fields are TaskReports'. */
    private static final Set<String> OTHER_ROUTES = Set.of("POST /api/tasks");

    private final List<String> readme = Files.readAllLines(Path.of("README.md"));
    private final List<OperationSpec> catalogue = OperationCatalogue.all(
            MetricsCapacities.defaults().historySize(), MetricsCapacities.defaults().errorLogSize(),
            Duration.ofMinutes(15));

    ReadmeReferenceTest() throws IOException {
    }

    @Test
    void everyToolRowListsExactlyItsArgumentsWithTheirDefaultsAndRanges() {
        for (OperationSpec operation : catalogue) {
            if (operation.tool() == null) {
                continue;
            }
            String cell = toolArguments(operation.tool());
            if (operation.arguments().isEmpty()) {
                assertThat(cell).as(operation.tool()).isEqualTo("none");
                continue;
            }
            var named = new ArrayList<String>();
            Matcher names = BACKTICKED.matcher(cell);
            while (names.find()) {
                named.add(names.group(1));
            }
            assertThat(named).as(operation.tool()).containsExactlyElementsOf(operation.argumentNames());
            for (ArgumentSpec argument : operation.arguments()) {
                assertThat(cell).as(operation.tool() + " " + argument.name()).contains(documented(argument));
            }
        }
    }

    @Test
    void everyRouteRowNamesExactlyItsArguments() {
        for (OperationSpec operation : catalogue) {
            if (operation.route() == null) {
                continue;
            }
            List<Matcher> rows = routeRows().stream()
                    .filter(row -> (row.group(1) + " " + row.group(2)).equals(operation.route())).toList();
            assertThat(rows).as(operation.route() + " is in README").isNotEmpty();
            for (Matcher row : rows) {
                if (operation.route().startsWith("GET ")) {
                    String query = row.group(3) == null ? "" : row.group(3);
                    assertThat(queryNames(query)).as(operation.route()).containsExactlyElementsOf(
                            operation.argumentNames());
                } else {
                    for (String name : operation.argumentNames()) {
                        assertThat(row.group(4)).as(operation.route()).contains("\"" + name + "\"");
                    }
                }
            }
        }
    }

    @Test
    void everyApiRouteInReadmeIsAnOperationOfTheCatalogue() {
        var known = new ArrayList<String>(OTHER_ROUTES);
        catalogue.stream().map(OperationSpec::route).filter(route -> route != null).forEach(known::add);
        assertThat(routeRows()).isNotEmpty().allSatisfy(row ->
                assertThat(known).contains(row.group(1) + " " + row.group(2)));
    }

    /** What README must say of an argument's default and range. */
    private static String documented(ArgumentSpec argument) {
        return switch (argument.kind()) {
            case LIMIT -> "integer ≥ " + argument.minimum() + ", default " + argument.defaultValue();
            case SECONDS -> argument.minimum().intValue() + "–" + argument.maximum().intValue() + " (default "
                    + argument.defaultValue() + ")";
            case FLAG -> "boolean (default " + argument.defaultValue() + ")";
            case NEW_TASK_NAME -> "string (1–" + TaskNames.MAX_LENGTH + " characters)";
            default -> "`" + argument.name() + "`";
        };
    }

    private String toolArguments(String tool) {
        return readme.stream().map(TOOL_ROW::matcher).filter(Matcher::find)
                .filter(row -> row.group(1).equals(tool)).map(row -> row.group(2).strip())
                .findFirst().orElseThrow(() -> new AssertionError(tool + " has no row in README's tool table"));
    }

    private List<Matcher> routeRows() {
        return readme.stream().map(ROUTE_ROW::matcher).filter(Matcher::find).toList();
    }

    private static List<String> queryNames(String query) {
        if (query.isEmpty()) {
            return List.of();
        }
        return List.of(query.substring(1).split("&")).stream().map(pair -> pair.split("=", 2)[0]).toList();
    }
}
