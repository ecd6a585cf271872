package dev.agentmeter.mcp.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

class EsModuleBundleTest {

    @Test
    void evaluatesEveryModuleOnceAfterWhatItImports() {
        String script = EsModuleBundle.of("app/main.js", files(Map.of(
                "app/main.js", "import { twice } from './math.js';\nimport { label } from '../lib/label.js';\n"
                        + "console.log(label(twice(2)));\n",
                "app/math.js", "import { label } from '../lib/label.js';\nexport function twice(n) { return n * 2; }\n",
                "lib/label.js", "export const label = (n) => `n=${n}`;\n")));

        assertThat(script).containsSubsequence("// lib/label.js", "// app/math.js", "// app/main.js");
        assertThat(script.split("// lib/label.js", -1)).hasSize(2);
    }

    @Test
    void turnsImportsIntoConstantsAndDropsTheExportKeyword() {
        String script = EsModuleBundle.of("main.js", files(Map.of(
                "main.js", "import { a, b as c } from './lib.js';\nimport * as lib from './lib.js';\nc(a);\n",
                "lib.js", "export const a = 1;\nexport async function b(x) { return x; }\nexport class K {}\n")));

        assertThat(script).contains("const { a, b: c } = __module0;", "const lib = __module0;",
                "\nconst a = 1;", "\nasync function b(x)", "\nclass K {}",
                "return Object.freeze({ a, b, K });");
        assertThat(script).doesNotContain("export ", "import ");
    }

    @Test
    void anImportAcrossSeveralLinesIsRead() {
        String script = EsModuleBundle.of("main.js", files(Map.of(
                "main.js", "import {\n  a,\n  b,\n} from './lib.js';\n",
                "lib.js", "export const a = 1;\nexport const b = 2;\n")));

        assertThat(script).contains("const { a, b } = __module0;");
    }

    @Test
    void refusesWhatItCannotInlineWithTheFileAndWhatToChange() {
        assertRefused(Map.of("main.js", "export default function main() {}\n"), "main.js: unsupported export");
        assertRefused(Map.of("main.js", "export let counter = 0;\n"), "unsupported export");
        assertRefused(Map.of("main.js", "export { a };\nconst a = 1;\n"), "unsupported export");
        assertRefused(Map.of("main.js", "import React from 'react';\n"), "unsupported import");
        assertRefused(Map.of("main.js", "import { x } from 'lib';\n"), "only relative paths");
        assertRefused(Map.of("main.js", "const lib = await import('./lib.js');\n"), "dynamic import");
        assertRefused(Map.of("main.js", "console.log(import.meta.url);\n"), "import.meta");
        assertRefused(Map.of("main.js", "const s = '</script>';\n"), "</script");
        assertRefused(Map.of("main.js", "import { x } from '../../outside.js';\n"), "outside the jar");
        assertRefused(Map.of("main.js", "import { missing } from './lib.js';\n", "lib.js", "export const a = 1;\n"),
                "main.js imports missing from lib.js, which does not export it");
        assertRefused(Map.of("main.js", "import { b } from './b.js';\nexport const a = 1;\n",
                "b.js", "import { a } from './main.js';\nexport const b = 2;\n"), "import cycle");
    }

    @Test
    void aMissingFileIsRefused() {
        assertRefused(Map.of("main.js", "import { a } from './gone.js';\n"), "no file gone.js");
    }

    private static void assertRefused(Map<String, String> files, String messagePart) {
        assertThatThrownBy(() -> EsModuleBundle.of("main.js", files(files)))
                .isInstanceOf(PageAssemblyException.class).hasMessageContaining(messagePart);
    }

    private static Function<String, String> files(Map<String, String> files) {
        return path -> Optional.ofNullable(files.get(path))
                .orElseThrow(() -> new PageAssemblyException("no file " + path));
    }
}
