package dev.agentmeter.bench.versus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A server in the comparison: how to start it over stdio (exactly as a client would) and over Streamable HTTP on
 * a given port. Both commands run in {@code workingDirectory}. Immutable.
 */
record Contender(String name, List<String> stdioCommand, List<String> httpCommandBeforePort,
        List<String> httpCommandAfterPort, Path workingDirectory) {

    List<String> httpCommand(int port) {
        var command = new ArrayList<>(httpCommandBeforePort);
        command.add(Integer.toString(port));
        command.addAll(httpCommandAfterPort);
        return command;
    }
}
