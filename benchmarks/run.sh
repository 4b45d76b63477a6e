#!/usr/bin/env bash
# Runs every benchmark of the starter against its baselines and writes benchmarks/results/latest.md.
#
#   benchmarks/run.sh [--quick] [--offline] [--no-build] [--only NAME[,NAME...]]
#
#   --quick     a smoke run of about 3 minutes: fewer events, shorter rounds (figures not to publish)
#   --offline   run Maven offline (-o)
#   --no-build  use the classes and benchmarks/target/classpath.txt built before (the Maven
#               profile -Pbench builds them, then runs this script with --no-build)
#   --only      run only the harnesses named (see HARNESSES below), e.g. --only outbound-memory-jdk17
#
# Environment: JAVA17_HOME (default: the java on the PATH, or JAVA_HOME), JAVA25_HOME (default
# /usr/lib/jvm/temurin-25-jdk-amd64; the JDK 25 runs are skipped if it is missing), BENCH_PG_URL
# (default jdbc:postgresql://127.0.0.1:5432/webhook_bench?user=postgres; the database is created
# with psql if it is missing).
#
# Every harness prints, besides its own output, lines
#   RESULT|<section>|<case>|<baseline label>|<baseline value>|<our value>|<unit>|<higher|lower>
#   NOTE|<section>|<text>
# This script keeps each harness's output in benchmarks/results/<harness>.log, computes the ratios
# (ours / baseline when higher is better, baseline / ours when lower is: above 1, the starter wins),
# writes one table per section to benchmarks/results/latest.md and prints, last, one line with every
# ratio. The default run takes under 15 minutes on 2 cores. CI does not run it.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/benchmarks"
RESULTS="$BENCH/results"
PACKAGE=io.github.webhookstarter.benchmarks

QUICK=false
BUILD=true
MAVEN_FLAGS=(-q)
ONLY=""
while [ $# -gt 0 ]; do
	case "$1" in
		--quick) QUICK=true ;;
		--offline) MAVEN_FLAGS+=(-o) ;;
		--no-build) BUILD=false ;;
		--only) ONLY=",$2,"; shift ;;
		--only=*) ONLY=",${1#--only=},"; ;;
		-h|--help) sed -n '2,25p' "$0"; exit 0 ;;
		*) echo "Unknown option $1 (--quick, --offline, --no-build, --only NAMES)" >&2; exit 2 ;;
	esac
	shift
done

if [ -n "${JAVA17_HOME:-}" ]; then JAVA17="$JAVA17_HOME/bin/java"
elif [ -n "${JAVA_HOME:-}" ]; then JAVA17="$JAVA_HOME/bin/java"
else JAVA17="$(command -v java)"; fi
JAVA25="${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
PG_URL="${BENCH_PG_URL:-jdbc:postgresql://127.0.0.1:5432/webhook_bench?user=postgres}"

mkdir -p "$RESULTS"
COLLECTED="$RESULTS/collected.txt"
RUNS="$RESULTS/runs.txt"
: > "$COLLECTED"
: > "$RUNS"
START=$(date +%s)
BUILD_SECONDS=0

java_version() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p' | head -1; }
java_feature() { java_version "$1" | sed 's/[^0-9].*//'; }

# --- build --------------------------------------------------------------------------------------
cd "$ROOT" || exit 1
if $BUILD; then
	echo "building the starter and the benchmarks..."
	./mvnw "${MAVEN_FLAGS[@]}" install -DskipTests -pl webhook-autoconfigure,webhook-starter -am || exit 1
	./mvnw "${MAVEN_FLAGS[@]}" -pl benchmarks package dependency:build-classpath -DskipTests \
		-Dmdep.outputFile="$BENCH/target/classpath.txt" -Dmdep.includeScope=runtime || exit 1
	BUILD_SECONDS=$(( $(date +%s) - START ))
fi
if [ ! -f "$BENCH/target/classpath.txt" ]; then
	echo "benchmarks/target/classpath.txt is missing: run without --no-build" >&2
	exit 1
fi
CP="$BENCH/target/classes:$(cat "$BENCH/target/classpath.txt")"

if [ "$(java_feature "$JAVA17")" != "17" ]; then
	echo "note: $JAVA17 is Java $(java_version "$JAVA17"), not 17 (set JAVA17_HOME)" >&2
fi
HAVE25=true
if [ ! -x "$JAVA25" ]; then
	HAVE25=false
	echo "note: no JDK 25 at $JAVA25 (set JAVA25_HOME): the JDK 25 runs are skipped" >&2
fi

# the database of the durable runs, created if psql can
PG_VERSION=unknown
if command -v psql > /dev/null; then
	PG_HOST=$(echo "$PG_URL" | sed -E 's#^jdbc:postgresql://([^:/]+).*#\1#')
	PG_PORT=$(echo "$PG_URL" | sed -nE 's#^jdbc:postgresql://[^:/]+:([0-9]+).*#\1#p')
	PG_DB=$(echo "$PG_URL" | sed -E 's#^jdbc:postgresql://[^/]+/([^?]+).*#\1#')
	PG_USER=$(echo "$PG_URL" | sed -nE 's#.*[?&]user=([^&]+).*#\1#p')
	PSQL=(psql -h "$PG_HOST" -p "${PG_PORT:-5432}" -U "${PG_USER:-postgres}" -At)
	if "${PSQL[@]}" -d postgres -c 'select 1' > /dev/null 2>&1; then
		PG_VERSION=$("${PSQL[@]}" -d postgres -c 'show server_version' | sed 's/ .*//')
		if [ -z "$("${PSQL[@]}" -d postgres -c "select 1 from pg_database where datname = '$PG_DB'")" ]; then
			"${PSQL[@]}" -d postgres -c "CREATE DATABASE \"$PG_DB\"" > /dev/null && echo "created the database $PG_DB"
		fi
	fi
fi

# --- the harnesses ------------------------------------------------------------------------------
QUICK_PROPERTY=()
if $QUICK; then QUICK_PROPERTY=(-Dbench.quick=true); export BENCH_QUICK=1; fi

# run NAME JAVA TIMEOUT_SECONDS JVM_OPTIONS CLASS [ARGS...]: the harness's output goes to its log,
# its RESULT and NOTE lines to the collected ones
run() {
	local name="$1" java="$2" limit="$3" options="$4" class="$5"
	shift 5
	if [ -n "$ONLY" ] && [[ "$ONLY" != *",$name,"* ]]; then return; fi
	local log="$RESULTS/$name.log" began status seconds
	began=$(date +%s)
	echo "[$(date -u +%H:%M:%S)] $name: $class $* (Java $(java_version "$java"), at most ${limit}s)"
	# shellcheck disable=SC2086
	timeout --kill-after=10 "$limit" "$java" $options "${QUICK_PROPERTY[@]}" -cp "$CP" "$class" "$@" > "$log" 2>&1
	status=$?
	seconds=$(( $(date +%s) - began ))
	grep -E '^(RESULT|NOTE)\|' "$log" >> "$COLLECTED"
	local outcome="ok"
	if [ $status -eq 124 ] || [ $status -eq 137 ]; then outcome="timed out after ${limit}s"
	elif [ $status -ne 0 ]; then outcome="failed (exit $status)"; fi
	if ! grep -q '^RESULT|' "$log"; then outcome="$outcome, no RESULT line"; fi
	echo "    $outcome in ${seconds}s, log benchmarks/results/$name.log"
	[ "$outcome" = ok ] || tail -5 "$log" | sed 's/^/    | /'
	printf '%s|%s|%s|%s|%s\n' "$name" "$(java_version "$java")" "$outcome" "$seconds" "$name.log" >> "$RUNS"
}

# run the class a teammate's branch adds, if it is on the class path: its main method, or JMH's
# runner on it when it has none
run_if_present() {
	local name="$1" java="$2" limit="$3" options="$4" simple="$5"
	shift 5
	if [ -n "$ONLY" ] && [[ "$ONLY" != *",$name,"* ]]; then return; fi
	local file class
	file=$(cd "$BENCH/target/classes" && find . -name "$simple.class" | head -1)
	if [ -z "$file" ]; then
		echo "[$(date -u +%H:%M:%S)] $name: skipped, $simple is not in benchmarks/ (yet)"
		printf '%s|%s|%s|%s|%s\n' "$name" "-" "skipped: $simple is not on the class path" 0 "-" >> "$RUNS"
		return
	fi
	class=$(echo "${file#./}" | sed 's#\.class$##; s#/#.#g')
	if "${JAVA17%/java}/javap" -cp "$CP" "$class" 2>/dev/null | grep -q 'public static void main(java.lang.String\[\])'; then
		run "$name" "$java" "$limit" "$options" "$class" "$@"
	else
		run "$name" "$java" "$limit" "$options" org.openjdk.jmh.Main "$class" "$@"
	fi
}

if $QUICK; then
	OUT_EVENTS=1000; PG_EVENTS=200; WRK_SECONDS=2
	BACKLOG=(memory 10000 2 --endpoints=10 --drain); SUBSCRIPTIONS=(10000 2)
	JMH_LIMIT=60; INBOUND_LIMIT=60; OUT_LIMIT=120; SCALE_LIMIT=90
else
	OUT_EVENTS=20000; PG_EVENTS=2000; WRK_SECONDS=5
	BACKLOG=(memory 100000 5 --endpoints=10 --drain); SUBSCRIPTIONS=(100000 5)
	JMH_LIMIT=240; INBOUND_LIMIT=240; OUT_LIMIT=420; SCALE_LIMIT=300
fi
WRK=(-Dbench.wrk-seconds=$WRK_SECONDS)
if ! command -v wrk > /dev/null; then
	echo "note: wrk is not installed (apt-get install wrk): no sink capacity measured" >&2
fi

# the fixed list: section 1 and 2 (JMH), 3 (inbound HTTP), 4 (outbound), 5 (scale)
run_if_present signature-jdk17 "$JAVA17" $JMH_LIMIT "" SignatureBenchmarks signature
run_if_present decoding-jdk17 "$JAVA17" $JMH_LIMIT "" DecodingBenchmarks
run_if_present inbound-jdk17 "$JAVA17" $INBOUND_LIMIT "" InboundThroughput "db=$PG_URL"
for java in "$JAVA17" "$JAVA25"; do
	[ -x "$java" ] || continue
	jdk="jdk$(java_feature "$java")"
	run "outbound-memory-$jdk" "$java" $OUT_LIMIT "-Xms1g -Xmx1g ${WRK[*]}" "$PACKAGE.OutboundThroughput" $OUT_EVENTS
	run "outbound-postgresql-$jdk" "$java" $OUT_LIMIT "-Xms1g -Xmx1g" "$PACKAGE.ModulithComparison" $PG_EVENTS "$PG_URL"
done
run scale-backlog-jdk17 "$JAVA17" $SCALE_LIMIT "-Xms2g -Xmx2g" "$PACKAGE.BacklogMemory" "${BACKLOG[@]}"
run scale-subscriptions-jdk17 "$JAVA17" $SCALE_LIMIT "" "$PACKAGE.SubscriptionMatching" "${SUBSCRIPTIONS[@]}"

# --- the report ---------------------------------------------------------------------------------
ELAPSED=$(( $(date +%s) - START ))
CPU=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -1)
JDKS="$(java_version "$JAVA17")"
if $HAVE25; then JDKS="$JDKS and $(java_version "$JAVA25")"; fi
MACHINE="$(nproc) cores, ${CPU:-unknown CPU}, $(free -g 2>/dev/null | awk '/^Mem:/ { print $2 " GB" }'), JDK $JDKS, PostgreSQL $PG_VERSION, $(date -u '+%Y-%m-%d %H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null) at the end"
MODE="\`benchmarks/run.sh\`"
if $QUICK; then MODE="\`benchmarks/run.sh --quick\`, a smoke run whose figures are not to be published,"; fi

awk -F'|' -v machine="$MACHINE" -v mode="$MODE" -v elapsed="$ELAPSED" -v build="$BUILD_SECONDS" -v runs="$RUNS" \
	-v summary="$RESULTS/summary.txt" '
function group(n,   s) {
	s = sprintf("%.0f", n)
	while (s ~ /[0-9][0-9][0-9][0-9]/) sub(/[0-9][0-9][0-9]($|,)/, ",&", s)
	return s
}
function fmt(v,   a) {
	a = (v < 0) ? -v : v
	if (a >= 1000) return group(v)
	if (a >= 100) return sprintf("%.0f", v)
	if (a >= 10) return sprintf("%.1f", v)
	if (a >= 1) return sprintf("%.2f", v)
	return sprintf("%.3g", v)
}
BEGIN {
	split("signature decoding inbound outbound scale", fixed, " ")
	for (i = 1; i <= 5; i++) { order[++sections] = fixed[i]; known[fixed[i]] = 1 }
}
$1 == "RESULT" || $1 == "NOTE" {
	if (!($2 in known)) { order[++sections] = $2; known[$2] = 1 }
}
$1 == "RESULT" && NF >= 8 {
	ratio = "n/a"; plain = "n/a"
	if ($5 + 0 > 0 && $6 + 0 > 0) {
		r = ($8 == "lower") ? $5 / $6 : $6 / $5
		ratio = (r >= 100) ? group(r) : (r >= 10) ? sprintf("%.1f", r) : sprintf("%.2f", r)
		plain = (r >= 100) ? sprintf("%.0f", r) : ratio
	}
	rows[$2] = rows[$2] sprintf("| %s | %s | %s %s | %s %s | %s |\n", $3, $4, fmt($5 + 0), $7, fmt($6 + 0), $7, ratio)
	line = line ((line == "") ? " " : "; ") $3 " vs " $4 " " plain
}
$1 == "NOTE" { notes[$2] = notes[$2] "- " $3 "\n" }
END {
	print "# Benchmark results"
	print ""
	print "Written by " mode " in " int(elapsed / 60) " min " (elapsed % 60) " s, of which " build " s building."
	print ""
	print "Machine: " machine "."
	print ""
	print "Ratio: ours / baseline where higher is better, baseline / ours where lower is (times): above 1, the starter wins."
	for (i = 1; i <= sections; i++) {
		s = order[i]
		if (!(s in rows) && !(s in notes)) continue
		print ""
		print "## " s
		print ""
		if (s in rows) {
			print "| case | baseline | baseline value | ours | ratio |"
			print "| --- | --- | --- | --- | --- |"
			printf "%s", rows[s]
		}
		if (s in notes) { print ""; printf "%s", notes[s] }
	}
	print ""
	print "## Harnesses"
	print ""
	print "| harness | JDK | outcome | seconds | raw log (not committed) |"
	print "| --- | --- | --- | --- | --- |"
	while ((getline r < runs) > 0) {
		split(r, f, "|")
		printf "| %s | %s | %s | %s | %s |\n", f[1], f[2], f[3], f[4], (f[5] == "-") ? "-" : "`benchmarks/results/" f[5] "`"
	}
	print ""
	print "```"
	print "SUMMARY" line
	print "```"
	print "SUMMARY" line > summary
}' "$COLLECTED" > "$RESULTS/latest.md"

echo "wrote benchmarks/results/latest.md in $((ELAPSED / 60)) min $((ELAPSED % 60)) s ($BUILD_SECONDS s building)"
cat "$RESULTS/summary.txt"
