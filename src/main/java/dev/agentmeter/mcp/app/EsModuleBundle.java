package dev.agentmeter.mcp.app;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Joins ES modules into the one inline script of the dashboard panel's page, so that the panel runs the web
 * dashboard's own modules (format.js, cards.js, tables.js...) instead of copies of them. Each module becomes a
 * function scope evaluated once, in the order the browser would evaluate them (dependencies first), that
 * returns its exports; an import becomes a constant taken from the module it names.
 *
 * <p>Written here because the page is assembled inside the jar at run time, where no JavaScript bundler runs
 * (they need Node). It takes the subset of module syntax that the dashboard's modules keep to, each statement at
 * the start of a line: {@code import { a, b as c } from './x.js'}, {@code import * as x from './x.js'},
 * {@code import './x.js'}, and {@code export function|async function|const|class name}. Anything else (a default
 * or re-export, {@code export let}, a dynamic import, {@code import.meta}, a bare specifier, an import cycle, a
 * named import the module does not export) is refused with the file and what to change, so a module that
 * outgrows the subset fails the page's test rather than shipping a broken page. Text that would end the inline
 * script early ({@code </script}, {@code <!--}) is refused too.
 *
 * <p>Thread-safe (stateless).
 */
final class EsModuleBundle {

    private static final String IDENTIFIER = "[A-Za-z_$][\\w$]*";
    private static final Pattern NAMED_IMPORT = Pattern.compile(
            "^import\\s*\\{([^}]*)}\\s*from\\s*(['\"])([^'\"\\n]+)\\2[ \\t]*;?[ \\t]*$", Pattern.MULTILINE);
    private static final Pattern NAMESPACE_IMPORT = Pattern.compile(
            "^import\\s*\\*\\s*as\\s+(" + IDENTIFIER + ")\\s+from\\s*(['\"])([^'\"\\n]+)\\2[ \\t]*;?[ \\t]*$",
            Pattern.MULTILINE);
    private static final Pattern BARE_IMPORT = Pattern.compile(
            "^import\\s*(['\"])([^'\"\\n]+)\\1[ \\t]*;?[ \\t]*$", Pattern.MULTILINE);
    private static final Pattern ANY_IMPORT = Pattern.compile("^import\\b.*$", Pattern.MULTILINE);
    private static final Pattern DECLARED_EXPORT = Pattern.compile(
            "^export\\s+(?:async\\s+function\\s*\\*?|function\\s*\\*?|const|class)\\s+(" + IDENTIFIER + ")",
            Pattern.MULTILINE);
    private static final Pattern ANY_EXPORT = Pattern.compile("^export\\b.*$", Pattern.MULTILINE);
    private static final Pattern DYNAMIC = Pattern.compile("\\bimport\\s*\\(|\\bimport\\.meta\\b");
    private static final Pattern SPECIFIER = Pattern.compile("^(" + IDENTIFIER + ")(?:\\s+as\\s+(" + IDENTIFIER + "))?$");
    private static final Pattern UNSAFE_IN_SCRIPT = Pattern.compile("</script|<!--", Pattern.CASE_INSENSITIVE);

    private EsModuleBundle() {
    }

    /**
     * The script for the module at {@code entryPath} and everything it imports; {@code read} gives a module's
     * text by its path (such as {@code dashboard/format.js}), and throws {@link PageAssemblyException} for
     * a file that does not exist.
     */
    static String of(String entryPath, Function<String, String> read) {
        var modules = new LinkedHashMap<String, Module>();
        load(entryPath, read, modules, new LinkedHashSet<>());
        var script = new StringBuilder();
        var ids = new LinkedHashMap<String, String>();
        for (Module module : modules.values()) {
            String id = "__module" + ids.size();
            ids.put(module.path(), id);
            script.append("// ").append(module.path()).append('\n')
                    .append("const ").append(id).append(" = (() => {\n")
                    .append(module.body(ids, modules))
                    .append("return Object.freeze({ ").append(String.join(", ", module.exports())).append(" });\n")
                    .append("})();\n");
        }
        return script.toString();
    }

    /** Loads {@code path} after everything it imports, depth first, as a browser evaluates modules. */
    private static void load(String path, Function<String, String> read, Map<String, Module> loaded,
                             Set<String> inProgress) {
        if (loaded.containsKey(path)) {
            return;
        }
        if (!inProgress.add(path)) {
            throw new PageAssemblyException("import cycle through " + path + ": the page's modules must not import "
                    + "each other in a circle");
        }
        Module module = Module.parse(path, read.apply(path));
        for (Import dependency : module.imports()) {
            load(dependency.path(), read, loaded, inProgress);
        }
        inProgress.remove(path);
        loaded.put(path, module);
    }

    /** One import statement: where it stands in the text, the module it names, and what it binds. */
    private record Import(int start, int end, String path, String namespace, List<String[]> names) {
    }

    private record Module(String path, String text, List<Import> imports, List<String> exports) {

        static Module parse(String path, String text) {
            if (UNSAFE_IN_SCRIPT.matcher(text).find()) {
                throw new PageAssemblyException(path + " contains </script or <!--, which would end or confuse an "
                        + "inline script; write it differently (such as '<\\/script')");
            }
            if (DYNAMIC.matcher(text).find()) {
                throw new PageAssemblyException(path + " uses a dynamic import or import.meta; the panel's page "
                        + "takes static imports only");
            }
            var imports = new ArrayList<Import>();
            Matcher named = NAMED_IMPORT.matcher(text);
            while (named.find()) {
                imports.add(new Import(named.start(), named.end(), resolve(path, named.group(3)), null,
                        specifiers(path, named.group(1))));
            }
            Matcher namespace = NAMESPACE_IMPORT.matcher(text);
            while (namespace.find()) {
                imports.add(new Import(namespace.start(), namespace.end(), resolve(path, namespace.group(3)),
                        namespace.group(1), List.of()));
            }
            Matcher bare = BARE_IMPORT.matcher(text);
            while (bare.find()) {
                imports.add(new Import(bare.start(), bare.end(), resolve(path, bare.group(2)), null, List.of()));
            }
            imports.sort((a, b) -> Integer.compare(a.start(), b.start()));
            Matcher any = ANY_IMPORT.matcher(text);
            while (any.find()) {
                int at = any.start();
                if (imports.stream().noneMatch(known -> known.start() == at)) {
                    throw new PageAssemblyException(path + ": unsupported import '" + any.group().strip()
                            + "'; use import { name } from './file.js' or import * as name from './file.js'");
                }
            }
            var exports = new ArrayList<String>();
            Matcher declared = DECLARED_EXPORT.matcher(text);
            while (declared.find()) {
                exports.add(declared.group(1));
            }
            Matcher anyExport = ANY_EXPORT.matcher(text);
            while (anyExport.find()) {
                if (!DECLARED_EXPORT.matcher(anyExport.group()).lookingAt()) {
                    throw new PageAssemblyException(path + ": unsupported export '" + anyExport.group().strip()
                            + "'; export function, async function, const or class declarations only");
                }
            }
            return new Module(path, text, List.copyOf(imports), List.copyOf(exports));
        }

        /** The text with its imports made constants and the word {@code export} taken off its declarations. */
        String body(Map<String, String> ids, Map<String, Module> modules) {
            var body = new StringBuilder();
            int from = 0;
            for (Import dependency : imports) {
                body.append(text, from, dependency.start()).append(binding(dependency, ids, modules));
                from = dependency.end();
            }
            body.append(text.substring(from));
            return DECLARED_EXPORT.matcher(body).replaceAll(match -> Matcher.quoteReplacement(
                    match.group().substring("export".length()).stripLeading())) + "\n";
        }

        private String binding(Import dependency, Map<String, String> ids, Map<String, Module> modules) {
            String id = ids.get(dependency.path());
            if (dependency.namespace() != null) {
                return "const " + dependency.namespace() + " = " + id + ";";
            }
            if (dependency.names().isEmpty()) {
                return "";
            }
            var names = new ArrayList<String>();
            for (String[] name : dependency.names()) {
                if (!modules.get(dependency.path()).exports().contains(name[0])) {
                    throw new PageAssemblyException(path + " imports " + name[0] + " from " + dependency.path()
                            + ", which does not export it");
                }
                names.add(name[1] == null ? name[0] : name[0] + ": " + name[1]);
            }
            return "const { " + String.join(", ", names) + " } = " + id + ";";
        }
    }

    private static List<String[]> specifiers(String path, String list) {
        var names = new ArrayList<String[]>();
        for (String part : list.split(",")) {
            String specifier = part.strip();
            if (specifier.isEmpty()) {
                continue;
            }
            Matcher matcher = SPECIFIER.matcher(specifier);
            if (!matcher.matches()) {
                throw new PageAssemblyException(path + ": cannot read the import of '" + specifier + "'");
            }
            names.add(new String[] {matcher.group(1), matcher.group(2)});
        }
        return names;
    }

    /** {@code ./x.js} or {@code ../dir/x.js} against the importing module's path; a bare name is refused. */
    private static String resolve(String from, String specifier) {
        if (!specifier.startsWith("./") && !specifier.startsWith("../")) {
            throw new PageAssemblyException(from + " imports '" + specifier + "': only relative paths (./ or ../) "
                    + "to the jar's own modules can be inlined");
        }
        String resolved = URI.create(from).resolve(specifier).normalize().toString();
        if (resolved.startsWith("../") || resolved.startsWith("/") || resolved.contains(":")) {
            throw new PageAssemblyException(from + " imports '" + specifier + "', outside the jar's resources");
        }
        return resolved;
    }
}
