# Sourced by scripts/tlsrpt, submit.sh and bench.sh: the JVM options Spark 4 needs on Java 17
# (module opens for its off-heap and reflection code). The test JVMs get the same list from the
# spark.jvm.flags property in jobs/pom.xml.
# shellcheck disable=SC2034
SPARK_JVM_FLAGS=(-XX:+IgnoreUnrecognizedVMOptions --add-modules=jdk.incubator.vector
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true)

# Throughput tuning for our jobs (launchers and submit.sh; bench.sh gives naive Spark the same):
# -XX:-DontCompileHugeMethods: Spark's generated serializer for the parsed reports (nested rows) is
#   larger than the JIT's default limit and would run interpreted (parse stage -15 % at 1M).
# -XX:+UseParallelGC: a batch job wants throughput, not short pauses; on 2 cores G1's concurrent
#   threads and barriers cost 13 % of a 1M ingest (95.1 s -> 82.2 s back to back, CPU 158 -> 136 s).
# -XX:Tier4*Threshold (30x the defaults): only code that stays hot reaches C2. With the defaults, C2
#   spent 41.5 s compiling 2,516 methods in a 100k ingest (-XX:+CITime), half the run's CPU, mostly
#   code that runs only while Spark plans (Janino, ASM, class loading) or warms up. Measured on
#   2026-12-01, one JVM per run, CPU = user+sys: 10k 20.6 -> 16.2 s (CPU 47 -> 31 s), 100k 38 ->
#   26.7 s (CPU 80 -> 53 s), 1M 107.8 -> 101.8 s (CPU 211 -> 192 s). C1 alone
#   (-XX:TieredStopAtLevel=1) is as fast up to 100k but costs 1M 70% more CPU.
TLSRPT_TUNING_FLAGS=(-XX:-DontCompileHugeMethods -XX:+UseParallelGC
  -XX:Tier4InvocationThreshold=150000 -XX:Tier4MinInvocationThreshold=18000
  -XX:Tier4CompileThreshold=450000 -XX:Tier4BackEdgeThreshold=1200000)

# Names a class-data archive after the java on PATH: an archive maps only into the JVM that wrote it.
jvm_id() { readlink -f "$(command -v java)" | cksum | cut -d' ' -f1; }
