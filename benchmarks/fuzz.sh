#!/usr/bin/env bash
# Fuzzes the inbound pipeline with Jazzer for longer than CI's regression pass does.
#
#   benchmarks/fuzz.sh [seconds] [--offline]
#
#   seconds    how long the fuzzer runs, 300 by default
#   --offline  run Maven offline (-o)
#
# Runs InboundPipelineFuzzTests with JAZZER_FUZZ=1. Jazzer keeps the inputs that reach new code in
# webhook-autoconfigure/.cifuzz-corpus/ (not committed) and writes an input that fails to the
# test's inputs directory, src/test/resources/io/github/webhookstarter/inbound/
# InboundPipelineFuzzTestsInputs/everyCallIsAnsweredFromTheStatusTable/, where it becomes a
# regression test once committed. The full log is kept in benchmarks/results/fuzz.log; the last
# lines printed are libFuzzer's final status (executions, exec/s, coverage) and whether it found
# anything.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOG="$ROOT/benchmarks/results/fuzz.log"
SECONDS_TO_FUZZ=300
MAVEN_FLAGS=(-q)
for arg in "$@"; do
	case "$arg" in
		--offline) MAVEN_FLAGS+=(-o) ;;
		*[!0-9]*) echo "usage: $0 [seconds] [--offline]" >&2; exit 2 ;;
		*) SECONDS_TO_FUZZ="$arg" ;;
	esac
done

mkdir -p "$(dirname "$LOG")"
cd "$ROOT"
echo "Fuzzing the inbound pipeline for ${SECONDS_TO_FUZZ}s; log in $LOG"
# jazzer.max_duration overrides the test's own (short) maxDuration; one fuzz test per JVM
JAZZER_FUZZ=1 ./mvnw "${MAVEN_FLAGS[@]}" -pl webhook-autoconfigure test \
	-Dtest='InboundPipelineFuzzTests#everyCallIsAnsweredFromTheStatusTable' -Dsurefire.failIfNoSpecifiedTests=false \
	-Djazzer.max_duration="${SECONDS_TO_FUZZ}s" >"$LOG" 2>&1
STATUS=$?

# libFuzzer's status lines: "#<executions> <event> cov: ... exec/s: <rate> rss: ..."
grep -E '^#[0-9]+' "$LOG" | tail -3
grep -E 'Done [0-9]+ runs' "$LOG" | tail -1
if [ $STATUS -eq 0 ]; then
	echo "No finding: every fuzzed call was answered from the status table"
else
	echo "FINDING (or build failure), see $LOG:"
	grep -E '== Java Exception|AssertionError|Test unit written|ERROR' "$LOG" | head -20
fi
exit $STATUS
