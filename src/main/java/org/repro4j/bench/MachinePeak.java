package org.repro4j.bench;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * This machine's two peaks that bound a training step from below, measured in the running
 * process with its thread settings: float32 matrix-multiply throughput (a 1024^3 sgemm through
 * ND4J's BLAS) and streaming bandwidth (y += a * x over two arrays of 1.2 MB each, the size of a
 * 100 x 3072 batch or of the MLP's first weight matrix, so cache-resident as in training). Best
 * of several repeats, and {@link #max} of measurements at the start and the end of a run: a peak,
 * not a typical value, so that load from other processes does not lower the floor.
 *
 * @param gflops      float32 GFLOP/s
 * @param gbPerSecond GB/s (1e9 bytes), counting two reads and one write per element
 */
public record MachinePeak(double gflops, double gbPerSecond) {
    private static final int GEMM_SIZE = 1024;
    private static final int STREAM_FLOATS = 300_000;

    static MachinePeak measure(int repeats) {
        return new MachinePeak(gemmGflops(repeats), streamGbPerSecond(repeats * 20));
    }

    /** The higher of two measurements of each peak (taken at different times of a run on a shared machine). */
    MachinePeak max(MachinePeak other) {
        return new MachinePeak(Math.max(gflops, other.gflops), Math.max(gbPerSecond, other.gbPerSecond));
    }

    /** The time one step of {@code c} needs at least: the slower of its arithmetic and its memory traffic. */
    double floorMs(BenchCase c) {
        return 1e3 * Math.max(c.flopsPerStep() / (gflops * 1e9), c.bytesPerStep() / (gbPerSecond * 1e9));
    }

    private static double gemmGflops(int repeats) {
        INDArray a = Nd4j.rand(DataType.FLOAT, GEMM_SIZE, GEMM_SIZE);
        INDArray b = Nd4j.rand(DataType.FLOAT, GEMM_SIZE, GEMM_SIZE);
        INDArray c = Nd4j.create(DataType.FLOAT, GEMM_SIZE, GEMM_SIZE);
        long best = Long.MAX_VALUE;
        for (int i = 0; i < repeats + 1; i++) {
            long t0 = System.nanoTime();
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            best = Math.min(best, System.nanoTime() - t0);
        }
        return 2.0 * GEMM_SIZE * GEMM_SIZE * GEMM_SIZE / best;
    }

    private static double streamGbPerSecond(int repeats) {
        float[] x = new float[STREAM_FLOATS];
        float[] y = new float[STREAM_FLOATS];
        java.util.Arrays.fill(x, 1e-3f);
        long best = Long.MAX_VALUE;
        // Enough passes for the JIT to compile (and vectorise) the loop before the best is taken.
        for (int i = 0; i < repeats + 200; i++) {
            long t0 = System.nanoTime();
            axpy(0.5f, x, y);
            best = Math.min(best, System.nanoTime() - t0);
        }
        if (y[STREAM_FLOATS / 2] < 0) {
            throw new AssertionError("keeps the loop from being optimised away");
        }
        return 3.0 * Float.BYTES * STREAM_FLOATS / best;
    }

    private static void axpy(float a, float[] x, float[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }
}
