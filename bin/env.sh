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
# JavaCPP otherwise reads /proc/self/statm on every native allocation.
REPRO_JAVA_OPTS="${REPRO_JAVA_OPTS:--Xmx8g -Dorg.bytedeco.javacpp.maxphysicalbytes=0 -Djava.awt.headless=true}"
