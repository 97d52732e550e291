#!/usr/bin/env bash
# spark-submit wrapper for tlsrpt-warehouse: runs a command from the job jar on any Spark master.
#
#   scripts/submit.sh [SPARK-SUBMIT OPTIONS] -- COMMAND [COMMAND OPTIONS]
#
#   scripts/submit.sh --master 'local[2]' -- ingest --config /etc/tlsrpt.conf
#   scripts/submit.sh --master spark://master:7077 --executor-memory 4g -- report --config /etc/tlsrpt.conf --month 2026-10
#   # YARN (HADOOP_CONF_DIR set; hadoop-aws must match the cluster's Hadoop version):
#   scripts/submit.sh --master yarn --deploy-mode client \
#       --packages org.apache.hadoop:hadoop-aws:3.5.0 -- ingest --config /etc/tlsrpt.conf
#   # Kubernetes (an image holding Spark 4.2 and this jar; the report writes to a local folder, so
#   # run it in client mode or mount a volume for --output):
#   scripts/submit.sh --master k8s://https://kubernetes.default.svc:443 --deploy-mode cluster \
#       --conf spark.kubernetes.container.image=registry.example/tlsrpt:0.1.0 \
#       -- ingest --input s3a://raw-reports/tlsrpt --warehouse s3a://analytics/tlsrpt
#
# Uses $SPARK_HOME/bin/spark-submit when SPARK_HOME is set; otherwise Spark's own submit entry point
# (org.apache.spark.deploy.SparkSubmit) on the build's classpath, so it also works on a machine with
# only Java 17 and Maven. Builds the job jar when it is missing. Passes --class, the bundled log4j2
# configuration (Spark at WARN, one INFO line per stage) to the driver, and forwards every option.
# Without --master it runs on local[*]. The exit status is spark-submit's: 0 only when the run
# completed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JOBS="$ROOT/jobs"
JAR="${TLSRPT_JAR:-$JOBS/target/tlsrpt-jobs-0.1.0-SNAPSHOT.jar}"
LOG4J="$JOBS/conf/log4j2.properties"

SUBMIT_OPTS=()
while [[ $# -gt 0 && "$1" != "--" ]]; do SUBMIT_OPTS+=("$1"); shift; done
if [[ $# -eq 0 ]]; then
  echo "usage: scripts/submit.sh [SPARK-SUBMIT OPTIONS] -- COMMAND [OPTIONS] (see the header)" >&2
  exit 2
fi
shift  # the --
have_master=false
for o in "${SUBMIT_OPTS[@]+"${SUBMIT_OPTS[@]}"}"; do [[ "$o" == --master* ]] && have_master=true; done
$have_master || SUBMIT_OPTS=(--master 'local[*]' "${SUBMIT_OPTS[@]+"${SUBMIT_OPTS[@]}"}")

if [[ ! -f "$JAR" ]]; then
  echo "submit.sh: building $JAR..." >&2
  (cd "$ROOT" && mvn -B -q -DskipTests -Dspotless.check.skip=true package -pl jobs -am) >&2
fi

# Throughput flags for driver and executors (TLSRPT_TUNING_FLAGS, explained in jvm-flags.sh)
# shellcheck source=scripts/jvm-flags.sh
source "$ROOT/scripts/jvm-flags.sh"
# A UTF-8 locale for the driver (this process's environment) and the executors (executorEnv)
# shellcheck source=scripts/utf8-locale.sh
source "$ROOT/scripts/utf8-locale.sh"
TUNING="${TLSRPT_TUNING_FLAGS[*]}"
DRIVER_OPTS="-Dlog4j2.configurationFile=file:$LOG4J -Duser.timezone=UTC -Dfile.encoding=UTF-8 $TUNING"
COMMON=(--class dev.tlsrpt.warehouse.Main
  --driver-java-options "$DRIVER_OPTS"
  --conf "spark.executorEnv.LC_ALL=${LC_ALL:-C.UTF-8}"
  --conf "spark.executor.extraJavaOptions=-Duser.timezone=UTC -Dfile.encoding=UTF-8 $TUNING")

if [[ -n "${SPARK_HOME:-}" ]]; then
  exec "$SPARK_HOME/bin/spark-submit" "${COMMON[@]}" "${SUBMIT_OPTS[@]}" "$JAR" "$@"
fi

# No Spark installation: Spark's submit entry point from the build's classpath. The JVM is already
# started, so --driver-java-options/--driver-memory cannot apply: set them here instead.
CP_FILE="$JOBS/target/runtime-classpath.txt"
if [[ ! -f "$CP_FILE" ]]; then
  (cd "$ROOT" && mvn -B -q -f jobs/pom.xml dependency:build-classpath -DincludeScope=compile \
      -Dmdep.outputFile="$CP_FILE") >&2
fi
FLAGS=("${SPARK_JVM_FLAGS[@]}")
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
# shellcheck disable=SC2086
exec java "${FLAGS[@]}" -Xmx${TLSRPT_HEAP:-4g} ${TLSRPT_JAVA_OPTS:-} $DRIVER_OPTS \
  -cp "$(cat "$CP_FILE")" org.apache.spark.deploy.SparkSubmit \
  "${COMMON[@]}" "${SUBMIT_OPTS[@]}" "$JAR" "$@"
