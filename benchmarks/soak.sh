#!/usr/bin/env bash
# A soak of the outbound side on PostgreSQL, not a benchmark and not part of benchmarks/run.sh:
# instance A (a JVM) publishes RATE events/s for MINUTES to 10 endpoints of a local receiver, two of
# them answering 500 half the time; instance B (another JVM) delivers beside it and is restarted
# twice, once with SIGTERM, once with SIGKILL; then the deliveries drain and the harness reports
# published, delivered, duplicated, lost (must be 0), p50/p99 publish-to-delivery latency, and A's
# heap after GC and live threads at the start and the end. See Soak.java.
#
#   benchmarks/soak.sh [MINUTES [RATE]] [--fan-out] [--offline] [--no-build]
#
#   MINUTES     how long A publishes (default 10)
#   RATE        events per second (default 500); each goes to one endpoint, in turn, unless
#   --fan-out   every event goes to all 10 endpoints (ten times the deliveries)
#   --offline   run Maven offline (-o)
#   --no-build  use the classes and benchmarks/target/classpath.txt built before
#
# Environment: JAVA_HOME (default: the java on the PATH), BENCH_PG_URL (default
# jdbc:postgresql://127.0.0.1:5432/webhook_bench?user=postgres; its webhook tables are dropped first).
# Output: the report on the standard output, the instances' logs in benchmarks/results/soak-*.log.
# Exit status 1 when a delivery was lost, left unfinished or failed.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/benchmarks"
BUILD=true
MAVEN_FLAGS=(-q)
ARGS=()
while [ $# -gt 0 ]; do
	case "$1" in
		--offline) MAVEN_FLAGS+=(-o) ;;
		--no-build) BUILD=false ;;
		-h|--help) sed -n '2,20p' "$0"; exit 0 ;;
		*) ARGS+=("$1") ;;
	esac
	shift
done
if [ -n "${JAVA_HOME:-}" ]; then JAVA="$JAVA_HOME/bin/java"; else JAVA="$(command -v java)"; fi
export BENCH_PG_URL="${BENCH_PG_URL:-jdbc:postgresql://127.0.0.1:5432/webhook_bench?user=postgres}"

cd "$ROOT" || exit 1
if $BUILD; then
	./mvnw "${MAVEN_FLAGS[@]}" install -DskipTests -pl webhook-autoconfigure,webhook-starter -am || exit 1
	./mvnw "${MAVEN_FLAGS[@]}" -pl benchmarks package dependency:build-classpath -DskipTests \
		-Dmdep.outputFile="$BENCH/target/classpath.txt" -Dmdep.includeScope=runtime || exit 1
fi
mkdir -p "$BENCH/results"
exec "$JAVA" -Xmx1g -Dsoak.logs="$BENCH/results" -cp "$BENCH/target/classes:$(cat "$BENCH/target/classpath.txt")" \
	io.github.webhookstarter.benchmarks.Soak "${ARGS[@]}"
