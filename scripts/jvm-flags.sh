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

# Throughput tuning for our jobs (launchers and submit.sh; bench.sh gives naive Spark the same).
# Optional: the jobs are correct without them. Measurements: docs/performance-history.md.
# -XX:-DontCompileHugeMethods: Spark's generated code for wide rows can exceed the JIT's size limit
#   and would then run interpreted.
# -XX:+UseParallelGC: a batch job wants throughput, not short pauses; G1's concurrent threads and
#   barriers cost CPU that 2 cores cannot spare.
# -XX:Tier4*Threshold (30x the defaults): only code that stays hot reaches C2, not the code that runs
#   while Spark plans a query (Janino, ASM, class loading) or the JVM warms up.
# -XX:FreqInlineSize=120 -XX:InlineSmallCode=1000 (defaults 325 and 2500): C2 inlines less into the
#   hot methods (the reader, the table writers), so each compilation is smaller and cheaper to redo.
TLSRPT_TUNING_FLAGS=(-XX:-DontCompileHugeMethods -XX:+UseParallelGC
  -XX:Tier4InvocationThreshold=150000 -XX:Tier4MinInvocationThreshold=18000
  -XX:Tier4CompileThreshold=450000 -XX:Tier4BackEdgeThreshold=1200000
  -XX:FreqInlineSize=120 -XX:InlineSmallCode=1000)

# Names a class-data archive after the java on PATH: an archive maps only into the JVM that wrote it.
jvm_id() { readlink -f "$(command -v java)" | cksum | cut -d' ' -f1; }
