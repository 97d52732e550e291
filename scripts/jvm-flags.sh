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
# -XX:FreqInlineSize=120 -XX:InlineSmallCode=1000 (defaults 325 and 2500): C2 inlines less into
#   the hot methods (the reader, the row writer), so each compilation is smaller; C2 still spent
#   11 s of a 1M ingest's ~115 s CPU with the defaults, some of it compiling the same large methods
#   again after deoptimization. Measured on 2026-12-02, 1M ingest, one JVM per run, alternating:
#   defaults 62.8 / 62.6 / 58.7 s (C2 thread CPU 11.0 / 11.9 / 10.9 s); 120/1000 59.5 / 52.1 /
#   55.6 s (C2 5.5 / 5.4 / 6.1 s); 200/1500 57.4-58.3 s (C2 6.8-8.6 s, five runs); 80/700 56.4 s
#   (C2 4.6 s, but the parse tasks' CPU rose). The 100k ingest and the 1M monthly report within
#   the noise (report 66.6 / 64.8 s against 58.6 / 68.0 s).
TLSRPT_TUNING_FLAGS=(-XX:-DontCompileHugeMethods -XX:+UseParallelGC
  -XX:Tier4InvocationThreshold=150000 -XX:Tier4MinInvocationThreshold=18000
  -XX:Tier4CompileThreshold=450000 -XX:Tier4BackEdgeThreshold=1200000
  -XX:FreqInlineSize=120 -XX:InlineSmallCode=1000)

# Names a class-data archive after the java on PATH: an archive maps only into the JVM that wrote it.
jvm_id() { readlink -f "$(command -v java)" | cksum | cut -d' ' -f1; }
