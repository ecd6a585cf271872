#!/bin/sh
# The MCP stdio session the build trains the start-up archives on (target/agentmeter.jsa, target/agentmeter.aot; see
# the pom), written on stdout: what a client sends first (initialize, the lists, one call of three tools), then
# 5,000 tool calls, half get_performance_metrics, half record_agent_task.
#
# Why the calls: JDK 25's AOT cache keeps the profiles of the training run, and the JIT compiles what was hot there
# early in every start. The build runs that training with its compile thresholds raised 20-fold, so code hot only
# while starting is not compiled there (and so not again at each start), while these calls make the call path hot
# enough to be. Measured against the 8-request session alone (issue 15, BENCHMARKS.md): the first tools/list answer
# about 30 ms sooner and 2 MiB less resident, tools/call throughput unchanged; with the raised thresholds but without
# these calls, throughput fell 10%.
set -eu

cat <<'FIRST'
{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"build","version":"1"}}}
{"jsonrpc":"2.0","method":"notifications/initialized"}
{"jsonrpc":"2.0","id":2,"method":"tools/list"}
{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"get_performance_metrics","arguments":{}}}
{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"record_agent_task","arguments":{"name":"build","duration_ms":12,"success":true,"agent":"build"}}}
{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"get_dashboard_data","arguments":{}}}
{"jsonrpc":"2.0","id":6,"method":"resources/list"}
{"jsonrpc":"2.0","id":7,"method":"prompts/list"}
FIRST

i=0
while [ "$i" -lt 2500 ]; do
    printf '{"jsonrpc":"2.0","id":%d,"method":"tools/call","params":{"name":"get_performance_metrics","arguments":{}}}\n' \
        $((100 + 2 * i))
    printf '{"jsonrpc":"2.0","id":%d,"method":"tools/call","params":{"name":"record_agent_task","arguments":{"name":"build-%d","duration_ms":12,"success":true,"agent":"build"}}}\n' \
        $((101 + 2 * i)) $((i % 5))
    i=$((i + 1))
done
