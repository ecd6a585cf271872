package dev.agentmeter.mcp.stdio;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What MCP's own threads do after an error the JVM cannot recover from (out of memory, a stack overflow): say
 * so in one line on stderr and end the process with {@value #EXIT_CODE}, at once. Carrying on would answer with a
 * half-broken process, and ending as if stdin had closed would exit with 0, which a client or a supervisor reads
 * as a clean stop. Nothing acknowledged is lost by halting: an answer of success waits until storage holds the task.
 *
 * <p>Thread-safe (stateless).
 */
public final class FatalErrors {

    /** The exit code after a fatal error (EX_SOFTWARE in sysexits.h). */
    public static final int EXIT_CODE = 70;

    private static final Logger log = LoggerFactory.getLogger(FatalErrors.class);

    private FatalErrors() {
    }

    static void exit(String where, VirtualMachineError error) {
        try {
            log.error("Fatal error in {}: {}; exiting with code {}", where, error, EXIT_CODE);
        } finally {
            Runtime.getRuntime().halt(EXIT_CODE);
        }
    }
}
