package dev.agentmeter.mcp.app;

/**
 * The dashboard panel's page could not be put together from the jar's files: a file is missing, or a module or a
 * fragment is written in a way the assembly does not take. A bug in the build, never bad input; the message says
 * which file and what to change.
 */
final class PageAssemblyException extends RuntimeException {

    PageAssemblyException(String message) {
        super(message);
    }
}
