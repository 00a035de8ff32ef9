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
# ND4J's arrays live outside the Java heap and are freed when the GC collects their Java objects:
# maxbytes caps them (a whole `make reproduce` keeps about 3.1 GB of CIFAR-10 splits and pixel
# copies loaded), and a small heap keeps the GC from letting garbage pile up. A full run peaked at
# 20 GB resident with -Xmx8g and no cap, at 14-19 GB with these; the rest is native memory outside
# JavaCPP's count, not traced yet.
REPRO_JAVA_OPTS="${REPRO_JAVA_OPTS:--Xmx3g -Dorg.bytedeco.javacpp.maxbytes=6g -Dorg.bytedeco.javacpp.maxphysicalbytes=0 -Djava.awt.headless=true}"
