#!/bin/sh
# Issue 15's one command: builds AgentMeter (jar, launcher and start-up archive) and the benchmarks, installs the
# TypeScript reference server with npm ci (its lock file), then runs every comparison side by side and prints the
# figures, ratios and targets. Run from anywhere; extra arguments go to Versus (e.g. --sections ab --runs 5).
set -eu
cd "$(dirname "$0")/../.."
./mvnw -q -o -DskipTests package
./mvnw -q -o -Pbench -DskipTests package
exec java -cp target/benchmarks.jar dev.agentmeter.bench.versus.Versus "$@"
