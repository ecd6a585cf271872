#!/bin/bash
# Rows 2b and 2c of issue 15 with wrk (the issue's own tool): MCP tools/call get_performance_metrics over Streamable
# HTTP, wrk -t2 -c16 on one 2025-11-25 session, for AgentMeter (target/agentmeter.jar) and the TypeScript reference
# server (src/bench/ts-reference, after npm ci there), plus AgentMeter's own GET /api/dashboard. Each server is
# warmed up for 15 s of calls (the JIT), then measured in three 8 s windows (the best is kept) and, for AgentMeter,
# one of the dashboard. Server CPU per request comes from /proc/PID/stat (utime+stime) before and after a window.
# Usage, from the repository's root after src/bench/versus.sh (or the two package builds): src/bench/wrk/http-versus.sh
set -euo pipefail
command -v wrk > /dev/null || { echo "http-versus: wrk is not installed (apt-get install wrk)" >&2; exit 2; }
root=$(pwd)
lua="$root/src/bench/wrk/tools-call.lua"
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

# measure LABEL PORT WITH_DASHBOARD COMMAND...: prints "LABEL WHAT REQ_PER_S CPU_US_PER_REQ" lines.
measure() {
    local label=$1 port=$2 dashboard=$3
    shift 3
    "$@" > "$logs/$label.log" 2>&1 &
    local pid=$!
    for _ in $(seq 100); do curl -s -o /dev/null -X POST "http://127.0.0.1:$port/mcp" && break; sleep 0.2; done
    local headers=(-H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream')
    SID=$(curl -s -D - -o /dev/null -X POST "http://127.0.0.1:$port/mcp" "${headers[@]}" -d '{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"wrk","version":"1"}}}' \
        | grep -i '^mcp-session-id' | cut -d' ' -f2 | tr -d '\r')
    export SID
    curl -s -o /dev/null -X POST "http://127.0.0.1:$port/mcp" "${headers[@]}" -H "Mcp-Session-Id: $SID" \
        -H 'MCP-Protocol-Version: 2025-11-25' -d '{"jsonrpc":"2.0","method":"notifications/initialized"}'
    wrk -t2 -c16 -d15s -s "$lua" "http://127.0.0.1:$port/mcp" > /dev/null
    local windows=(mcp mcp mcp)
    if [ "$dashboard" = yes ]; then
        wrk -t2 -c16 -d6s "http://127.0.0.1:$port/api/dashboard" > /dev/null
        windows+=(dashboard)
    fi
    for what in "${windows[@]}"; do
        local before after out requests rate failed
        before=$(awk '{print $14+$15}' "/proc/$pid/stat")
        if [ "$what" = mcp ]; then
            out=$(wrk -t2 -c16 -d8s -s "$lua" "http://127.0.0.1:$port/mcp")
        else
            out=$(wrk -t2 -c16 -d8s "http://127.0.0.1:$port/api/dashboard")
        fi
        after=$(awk '{print $14+$15}' "/proc/$pid/stat")
        requests=$(echo "$out" | awk '/requests in/ {print $1}')
        rate=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
        failed=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
        if [ -n "$failed" ]; then echo "http-versus: $label $what: $failed answers were not 2xx" >&2; fi
        echo "$label $what $rate $(( (after - before) * 10000000 / (requests > 0 ? requests : 1) / 1000 ))"
    done
    kill "$pid"
    wait "$pid" 2> /dev/null || true
}

results="$logs/results"
measure AgentMeter 18931 yes java -jar "$root/target/agentmeter.jar" --port 18931 --data none --rate-limit off >> "$results"
(cd "$root/src/bench/ts-reference" && measure TypeScript 18932 no node server.mjs --http 18932) >> "$results"
cat "$results"
awk '
    $2 == "mcp" && $3 > best[$1] { best[$1] = $3 }
    $2 == "dashboard" { dashboard = $3 }
    END {
        printf "2b tools/call, wrk -t2 -c16, one session: AgentMeter %.0f/s, TypeScript %.0f/s, ratio %.2f (target >= 2)\n",
            best["AgentMeter"], best["TypeScript"], best["AgentMeter"] / best["TypeScript"]
        printf "2c AgentMeter tools/call / its GET /api/dashboard: %.0f / %.0f = %.2f (target >= 0.5)\n",
            best["AgentMeter"], dashboard, best["AgentMeter"] / dashboard
    }' "$results"
