# Sourced by bin/repro and the Makefile: the native settings measured in shared/PERF-NOTES.md.
# OpenBLAS 0.3.19 (bundled with ND4J M2.1) does not recognise recent CPUs and falls back to slow
# Prescott kernels; name the core type when the CPU has the instructions for it.
if [ -z "${OPENBLAS_CORETYPE:-}" ]; then
  if grep -qw avx512f /proc/cpuinfo 2>/dev/null; then
    export OPENBLAS_CORETYPE=SkylakeX
  elif grep -qw avx2 /proc/cpuinfo 2>/dev/null; then
    export OPENBLAS_CORETYPE=Haswell
  fi
fi
# Two OpenMP threads spin against each other on small DL4J ops on 2 cores; one is faster.
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
# JavaCPP otherwise reads /proc/self/statm on every native allocation (maxphysicalbytes=0).
# ND4J's arrays live outside the Java heap and are freed when the GC collects their Java objects,
# which can take long when little is allocated on the heap: the code frees its large arrays itself
# (data sets nobody holds, evaluation in a reused workspace; bench/NOTES.md, memory), and a 1 GB
# heap (the live set is about 150 MB) keeps G1 from growing the heap for loading bursts and
# keeping it. Two malloc arenas: glibc otherwise gives each training thread its own, which hold
# freed native memory. maxbytes caps what JavaCPP itself counts.
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
# A collection at least every 5 s, and the heap given back after it: dead arrays' native memory is
# freed only when a collection finds them, and a run that allocates little on the heap went 4.6 GB
# without one (bench/NOTES.md, memory).
REPRO_JAVA_OPTS="${REPRO_JAVA_OPTS:--Xmx1g -XX:G1PeriodicGCInterval=5000 -XX:MaxHeapFreeRatio=30 -XX:MinHeapFreeRatio=10 -Dorg.bytedeco.javacpp.maxbytes=6g -Dorg.bytedeco.javacpp.maxphysicalbytes=0 -Djava.awt.headless=true}"
# The Spark build (make EXECUTOR=spark) on Java 17: the module openings Spark's launcher gives its JVMs
# (org.apache.spark.launcher.JavaModuleOptions), for the driver (bin/repro) and the executors it starts.
SPARK_JAVA_OPTS="-XX:+IgnoreUnrecognizedVMOptions --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false"
export SPARK_JAVA_OPTS
