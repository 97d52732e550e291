#!/usr/bin/env bash
# Benchmark: our ingest against the machine's limit (a plain Java parse loop) and naive Spark, on
# generated archives of 10k, 100k and 1M reports (ground truth checked), plus the monthly report on
# the largest and the object-storage path (s3a to an S3-compatible server on loopback). Prints every
# figure and the ratios. Our jobs run in a 1 GiB heap (the goal for 1M files).
#   scripts/bench.sh                      # SIZES="10000 100000 1000000", naive at 1M too
#   NAIVE_MAX_N=100000 scripts/bench.sh   # naive Spark only up to 100k (much shorter)
#   SIZES="10000 100000" scripts/bench.sh # quicker
#   ROUNDS=1 ...                          # one paired round per size instead of 3 (noisier)
# Then (d) the monthly report and (g) a daily run (DAY_N new reports, default 1 %) on the largest,
# listing the whole archive (g1) and the day's folder only (g2).
# Archives and warehouses go to BENCH_DIR (default: target/bench; several GB for 1M reports).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TLSRPT="$ROOT/scripts/tlsrpt"
BENCH_DIR="${BENCH_DIR:-$ROOT/target/bench}"
SIZES="${SIZES:-10000 100000 1000000}"
NAIVE_MAX_N="${NAIVE_MAX_N:-1000000000}"
S3_N="${S3_N:-10000}"
ROUNDS="${ROUNDS:-3}"
export TLSRPT_HEAP="${TLSRPT_HEAP:-1g}"
mkdir -p "$BENCH_DIR"

"$TLSRPT" --help >/dev/null 2>&1 || true   # builds the jobs module when needed
CP="$ROOT/jobs/target/launcher/tlsrpt-classes.jar:$(cat "$ROOT/jobs/target/runtime-classpath.txt")"
# shellcheck source=scripts/jvm-flags.sh
source "$ROOT/scripts/jvm-flags.sh"
FLAGS=("${SPARK_JVM_FLAGS[@]}" "${TLSRPT_TUNING_FLAGS[@]}") # naive Spark gets our JVM tuning too
export SPARK_LOCAL_IP=127.0.0.1

field() { sed -n "s/.*$1=\([^ ]*\).*/\1/p" | tail -1; }
secs() { sed -n 's/.* in \([0-9.]*\) s .*/\1/p'; }   # a job line's elapsed seconds
median() { python3 -c "import statistics, sys; m = statistics.median(float(x) for x in sys.argv[1:]); print(round(m, 3) if m < 10 else round(m, 1) if m < 1000 else round(m))" "$@"; }
truth_reports() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['distinct_reports'])" "$1"; }

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)"

# What each measured run reads from the disk under BENCH_DIR (files the page cache had lost), from
# /proc/diskstats; "n/a" where there is no such block device (Linux only). A proactive reclaimer
# (DAMON, as on this VM) pages out file pages idle for a while even with memory free, so a run that
# starts long after the archive was last read reads part of it from disk again.
DISK=$(basename "$(df --output=source "$BENCH_DIR" 2>/dev/null | tail -1)")
awk -v d="$DISK" '$3 == d { found = 1 } END { exit !found }' /proc/diskstats 2>/dev/null || DISK=""
disk_read_mb() {
  if [[ -n "$DISK" ]]; then awk -v d="$DISK" '$3 == d { print int($6 * 512 / 1000000) }' /proc/diskstats; else echo 0; fi
}
DAMON=/sys/kernel/mm/damon/admin/kdamonds/0
if [[ "$(cat "$DAMON/state" 2>/dev/null)" == on ]]; then
  S0="$DAMON/contexts/0/schemes/0"
  AGE=$(( $(cat "$S0/access_pattern/age/min" 2>/dev/null || echo 0) \
    * $(cat "$DAMON/contexts/0/monitoring_attrs/intervals/aggr_us" 2>/dev/null || echo 0) / 1000000 ))
  echo "page cache: DAMON is on ($(cat "$S0/action" 2>/dev/null || echo '?') of memory idle for ${AGE} s" \
    "or more); disk reads per run are printed"
fi

# Class-data archives (AppCDS): the launcher writes one per command on the command's first run
# after a build (that run is slower) and maps it on every later run, as a nightly job would.
# A 1k-report archive makes them first, so no measured run pays for writing one; naive Spark gets
# its own archive the same way. TLSRPT_CDS=off measures both without.
NAIVE_CDS=()
if [[ "${TLSRPT_CDS:-on}" != off ]]; then
  WARM="$BENCH_DIR/cds-warm"
  rm -rf "$WARM" && mkdir -p "$WARM"
  "$TLSRPT" generate --reports 1000 --domains 5 --days 30 --seed 3 --output "$WARM/archive" 2>/dev/null >&2
  "$TLSRPT" ingest --input "$WARM/archive" --warehouse "$WARM/wh" > "$WARM/ingest.log" 2>&1
  "$TLSRPT" report --warehouse "$WARM/wh" --month 2026-10 --output "$WARM/report" > "$WARM/report.log" 2>&1
  "$TLSRPT" sql --warehouse "$WARM/wh" "SELECT count(*) FROM dim_reports" > "$WARM/sql.log" 2>&1
  NAIVE_JSA="$BENCH_DIR/naive-$(jvm_id).jsa"
  rm -f "$NAIVE_JSA"
  java "${FLAGS[@]}" -Xmx4g -XX:ArchiveClassesAtExit="$NAIVE_JSA" -Xlog:disable \
    -Dlog4j2.configurationFile="$ROOT/jobs/conf/log4j2.properties" -cp "$CP" \
    dev.tlsrpt.warehouse.bench.NaiveSparkIngest "$WARM/archive" "$WARM/naive-out" > "$WARM/naive.log" 2>&1
  NAIVE_CDS=(-XX:SharedArchiveFile="$NAIVE_JSA" -Xlog:disable)
  echo "class-data archives (AppCDS): made on a 1k archive first, for ours and naive Spark"
else
  echo "class-data archives (AppCDS): off (TLSRPT_CDS=off)"
fi
declare -A OURS REF NAIVE SECS
for N in $SIZES; do
  ARCHIVE="$BENCH_DIR/archive-$N"
  DOMAINS=$(( N / 1000 > 5 ? N / 1000 : 5 ))
  if [[ ! -f "$ARCHIVE.truth.json" ]]; then
    rm -rf "$ARCHIVE"
    "$TLSRPT" generate --reports "$N" --domains "$DOMAINS" --days 30 --seed 1 --output "$ARCHIVE" 2>/dev/null
  fi
  FILES=$(find "$ARCHIVE" -type f | wc -l)
  BYTES=$(du -sb "$ARCHIVE" | cut -f1)
  echo
  echo "== N=$N reports: $FILES files, $((BYTES / 1000000)) MB, $DOMAINS domains x 30 days"
  find "$ARCHIVE" -type f -print0 | xargs -0 cat > /dev/null   # page cache warm for every run

  # (a) and (b) in ROUNDS paired rounds: the reference, then our ingest right after it, each round's
  # ratio of the two. A VM's speed drifts between runs minutes apart, so one run of
  # each side would measure the phase as much as the code; pairing cancels slow phases that last a
  # round, and the median of the rounds' ratios is the figure. The reference runs two passes of
  # each way per round and counts its best: the passes before warm its JIT (a cold JVM's
  # parallel passes run far slower), and neither way is dropped for the other.
  RLOG="$BENCH_DIR/reference-$N.log"; : > "$RLOG"
  WH="$BENCH_DIR/warehouse-$N"
  ROUND_OURS=(); ROUND_REF=(); ROUND_RATIO=(); ROUND_SECS=(); PEAK_HEAP=0
  for R in $(seq 1 "$ROUNDS"); do
    # The last round's warehouse goes before the reference runs, not right before our ingest: this
    # disk's ext4 has no journal, and without one it passes over inodes freed in the last minute
    # (six while their inode table block is unwritten) when it allocates new ones. Creating many
    # folders with a file each, as the ingest's quarantine copies do, costs far more CPU right
    # after removing as many; the reference creates no files.
    rm -rf "$WH"
    echo "-- round $R of $ROUNDS" >> "$RLOG"
    java -Xmx2g -Dbench.disk="$DISK" -cp "$CP" dev.tlsrpt.warehouse.bench.ReferenceParse "$ARCHIVE" 2 \
      > "$RLOG.round" 2>&1
    cat "$RLOG.round" >> "$RLOG"
    BEST=$(sed -n 's/.*: \([0-9]*\) reports\/s.*/\1\t&/p' "$RLOG.round" | sort -n | tail -1)
    RREF=${BEST%%$'\t'*}; BEST_LINE=${BEST#*$'\t'}   # its reports/s, and its line

    LOG="$BENCH_DIR/ingest-$N-round$R.log"
    DISK0=$(disk_read_mb)
    "$TLSRPT" ingest --input "$ARCHIVE" --warehouse "$WH" --conf spark.ui.showConsoleProgress=false \
      > "$LOG" 2>&1
    DISK_READ=$(( $(disk_read_mb) - DISK0 ))
    LINE=$(grep "IngestReportsJob: ingest" "$LOG" | tail -1)
    S=$(echo "$LINE" | secs)
    REPORTS=$(echo "$LINE" | field new_reports)
    EXPECTED=$(truth_reports "$ARCHIVE.truth.json")
    [[ "$REPORTS" == "$EXPECTED" ]] || { echo "TRUTH MISMATCH: $REPORTS reports vs $EXPECTED"; exit 1; }
    ROURS=$(python3 -c "print(round($REPORTS/$S))")
    ROUND_OURS+=("$ROURS"); ROUND_REF+=("$RREF"); ROUND_SECS+=("$S")
    ROUND_RATIO+=("$(python3 -c "print(round($ROURS/$RREF,3))")")
    HEAP=$(echo "$LINE" | field peak_heap_mb); (( HEAP > PEAK_HEAP )) && PEAK_HEAP=$HEAP
    echo "    round $R: reference $RREF reports/s ($(echo "$BEST_LINE" | awk '{print $2}'), disk $(echo "$BEST_LINE" \
      | field disk_read_mb) MB); ours $ROURS reports/s ($S s, disk $([[ -n "$DISK" ]] && echo "$DISK_READ MB" \
      || echo n/a), $(echo "$LINE" | grep -o 'peak_heap_mb=.*')); ours/reference ${ROUND_RATIO[-1]}"
  done
  rm -f "$RLOG.round"
  # The round with the median time stands for the size (its log and stages); every round writes the
  # same warehouse, (d) and (g) use the last.
  MID=$(python3 -c "import sys; s=[float(x) for x in sys.argv[1:]]; print(sorted(range(len(s)), key=lambda i: s[i])[len(s)//2] + 1)" "${ROUND_SECS[@]}")
  cp "$BENCH_DIR/ingest-$N-round$MID.log" "$BENCH_DIR/ingest-$N.log"
  OURS[$N]=$(median "${ROUND_OURS[@]}"); REF[$N]=$(median "${ROUND_REF[@]}"); SECS[$N]=$(median "${ROUND_SECS[@]}")
  RATIO=$(median "${ROUND_RATIO[@]}")
  echo "(a) ours:      median of $ROUNDS rounds ${OURS[$N]} reports/s (${SECS[$N]} s; rounds ${ROUND_SECS[*]} s)," \
    "$(python3 -c "print(round($BYTES/1e6/${SECS[$N]},1))") MB/s; largest peak_heap_mb=$PEAK_HEAP"
  echo "      stages of the median round ($MID):"
  grep "stage: ingest" "$BENCH_DIR/ingest-$N.log" | sed 's/.*: ingest [^:]*: /      /'
  echo "(b) reference: median ${REF[$N]} reports/s (rounds ${ROUND_REF[*]}; $(grep -c "reports/s" "$RLOG") timed passes in $RLOG)"

  # (c) naive Spark: spark.read().json + explode
  if (( N <= NAIVE_MAX_N )); then
    NLOG="$BENCH_DIR/naive-$N.log"
    java "${FLAGS[@]}" "${NAIVE_CDS[@]}" -Xmx4g -Dlog4j2.configurationFile="$ROOT/jobs/conf/log4j2.properties" -cp "$CP" \
      dev.tlsrpt.warehouse.bench.NaiveSparkIngest "$ARCHIVE" "$BENCH_DIR/naive-out-$N" > "$NLOG" 2>&1
    NAIVE[$N]=$(sed -n 's/.*: \([0-9]*\) reports\/s.*/\1/p' "$NLOG" | tail -1)
    echo "(c) naive:     ${NAIVE[$N]} reports/s ($(grep -o 'reports=[0-9]*' "$NLOG" | tail -1) of .json/.json.gz only)"
    echo "    ratios:    ours/reference $RATIO (median of the rounds' ratios ${ROUND_RATIO[*]}), ours/naive $(python3 -c "print(round(${OURS[$N]}/${NAIVE[$N]},1))")x"
  else
    echo "(c) naive:     not run at this size (NAIVE_MAX_N=$NAIVE_MAX_N)"
    echo "    ratios:    ours/reference $RATIO (median of the rounds' ratios ${ROUND_RATIO[*]})"
  fi
  echo "    output:    $(find "$WH" -name '*.parquet' | wc -l) parquet files; largest partition file count: $(find "$WH" -name '*.parquet' -printf '%h\n' | sort | uniq -c | sort -n | tail -1 | awk '{print $1}')"
done

LAST=$(echo "$SIZES" | awk '{print $NF}')
echo
echo "== (d) monthly report on the $LAST-report warehouse"
RLOG="$BENCH_DIR/report-$LAST.log"
# Same 1 GiB heap as the ingest: the workbook's rows are streamed to disk as they are written.
TLSRPT_HEAP="${REPORT_HEAP:-1g}" "$TLSRPT" report --warehouse "$BENCH_DIR/warehouse-$LAST" --month 2026-10 \
  --output "$BENCH_DIR/report-$LAST" --conf spark.ui.showConsoleProgress=false > "$RLOG" 2>&1
grep "ReportMonthlyJob: report" "$RLOG" | sed 's/.*ReportMonthlyJob: /    /'

echo
# A scheduled run's day: new reports arrive in the archive that the warehouse already holds.
# (g1) lists the whole archive and skips what the ledger has seen; (g2) lists only the day's folder
# (archives kept in dated folders), on a copy of the warehouse as it was before (g1). Both check the
# new copies against the reports known for their dates. The day's folder is moved into the archive
# for the runs and out again.
DAY_N="${DAY_N:-$(( LAST / 100 > 1000 ? LAST / 100 : 1000 ))}"
LAST_DOMAINS=$(( LAST / 1000 > 5 ? LAST / 1000 : 5 ))
DAY="$BENCH_DIR/archive-$LAST/incoming-2026-11-01"
rm -rf "$DAY" "$BENCH_DIR/day-$LAST" "$BENCH_DIR/day-$LAST.truth.json" "$BENCH_DIR/warehouse-$LAST-g2"
"$TLSRPT" generate --reports "$DAY_N" --domains "$LAST_DOMAINS" --days 1 --start-date 2026-11-01 \
  --seed 2 --output "$BENCH_DIR/day-$LAST" >/dev/null 2>&1
mv "$BENCH_DIR/day-$LAST" "$DAY"
trap 'rm -rf "$DAY"' EXIT
cp -r "$BENCH_DIR/warehouse-$LAST" "$BENCH_DIR/warehouse-$LAST-g2"
daily_run() { # $1 label, $2 input, $3 warehouse
  local log="$BENCH_DIR/daily-$LAST-$1.log" line reports expected
  "$TLSRPT" ingest --input "$2" --warehouse "$3" --conf spark.ui.showConsoleProgress=false > "$log" 2>&1
  line=$(grep "IngestReportsJob: ingest" "$log" | tail -1)
  reports=$(echo "$line" | field new_reports)
  expected=$(truth_reports "$BENCH_DIR/day-$LAST.truth.json")
  [[ "$reports" == "$expected" ]] || { echo "DAILY TRUTH MISMATCH ($1): $reports reports vs $expected"; exit 1; }
  echo "    $(echo "$line" | field files) new files, $reports new reports (truth matched) in $(echo "$line" | secs) s; $(echo "$line" | grep -o 'peak_heap_mb=.*')"
  grep "stage: ingest" "$log" | sed 's/.*: ingest [^:]*: /      /'
}
echo "== (g1) daily run, whole archive listed: $DAY_N new reports into the $LAST-report warehouse"
daily_run g1 "$BENCH_DIR/archive-$LAST" "$BENCH_DIR/warehouse-$LAST"
echo "== (g2) daily run, the day's folder listed: the same day into a copy of the warehouse before (g1)"
daily_run g2 "$DAY" "$BENCH_DIR/warehouse-$LAST-g2"
rm -rf "$DAY" "$BENCH_DIR/warehouse-$LAST-g2"

echo
echo "== (f) object storage: s3a to S3Proxy (filesystem store over archive-$S3_N, loopback, same 2 cores)"
if [[ -d "$BENCH_DIR/archive-$S3_N" ]]; then
  S3LOG="$BENCH_DIR/s3-$S3_N.log"
  (cd "$ROOT" && mvn -B -q -Dstyle.color=never -f jobs/pom.xml dependency:build-classpath -DincludeScope=test \
    -Dmdep.outputFile="$BENCH_DIR/test-classpath.txt" >/dev/null)
  PORT=18093
  printf '%s\n' "s3proxy.endpoint=http://127.0.0.1:$PORT" "s3proxy.authorization=aws-v2-or-v4" \
    "s3proxy.identity=bench" "s3proxy.credential=bench-secret-0123456789" \
    "s3proxy.ignore-unknown-headers=true" "jclouds.provider=filesystem" \
    "jclouds.filesystem.basedir=$BENCH_DIR" > "$BENCH_DIR/s3proxy.conf"
  java -cp "$(cat "$BENCH_DIR/test-classpath.txt")" org.gaul.s3proxy.Main \
    --properties "$BENCH_DIR/s3proxy.conf" > "$BENCH_DIR/s3proxy.log" 2>&1 &
  S3PID=$!
  trap 'kill $S3PID 2>/dev/null || true; rm -rf "$DAY"' EXIT
  for _ in $(seq 1 60); do curl -s -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 1; done
  # The filesystem store has no ETag for files it did not write: no version check, classic stream.
  S3CONF=(--conf spark.hadoop.fs.s3a.endpoint=http://127.0.0.1:$PORT
    --conf spark.hadoop.fs.s3a.endpoint.region=us-east-1
    --conf spark.hadoop.fs.s3a.path.style.access=true
    --conf spark.hadoop.fs.s3a.connection.ssl.enabled=false
    --conf spark.hadoop.fs.s3a.access.key=bench
    --conf spark.hadoop.fs.s3a.secret.key=bench-secret-0123456789
    --conf spark.hadoop.fs.s3a.aws.credentials.provider=org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider
    --conf spark.hadoop.fs.s3a.change.detection.version.required=false
    --conf spark.hadoop.fs.s3a.input.stream.type=classic)
  rm -rf "$BENCH_DIR/warehouse-s3"
  "$TLSRPT" ingest --input "s3a://archive-$S3_N/" --warehouse "$BENCH_DIR/warehouse-s3" \
    --conf spark.ui.showConsoleProgress=false "${S3CONF[@]}" > "$S3LOG" 2>&1
  kill $S3PID 2>/dev/null || true
  LINE=$(grep "IngestReportsJob: ingest" "$S3LOG" | tail -1)
  S=$(echo "$LINE" | secs)
  REPORTS=$(echo "$LINE" | field new_reports)
  EXPECTED=$(truth_reports "$BENCH_DIR/archive-$S3_N.truth.json")
  [[ "$REPORTS" == "$EXPECTED" ]] || { echo "S3 TRUTH MISMATCH: $REPORTS reports vs $EXPECTED"; exit 1; }
  echo "    ours via s3a: $REPORTS reports in $S s: $(python3 -c "print(round($REPORTS/$S))") reports/s (truth matched); $(echo "$LINE" | grep -o 'peak_heap_mb=.*')"
  grep "stage: ingest" "$S3LOG" | grep -E "list|read and parse" | sed 's/.*: ingest [^:]*: /      /'
else
  echo "    skipped: no archive-$S3_N (add $S3_N to SIZES)"
fi
echo
echo "== growth (cost per report should stay flat)"
PREV=""
for N in $SIZES; do
  if [[ -n "$PREV" ]]; then
    echo "    $PREV -> $N: time x$(python3 -c "print(round(${SECS[$N]}/${SECS[$PREV]},1))") for x$((N / PREV)) reports"
  fi
  PREV=$N
done
