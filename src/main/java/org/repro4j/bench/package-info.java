/**
 * {@code repro bench} ({@code make bench}): how fast one training step and one training epoch
 * run, with DL4J's {@code fit} and with the lean step ({@code org.repro4j.train.LeanSgdStep}),
 * beside the hardware floor and an equivalent NumPy step measured in the same run.
 *
 * <p>{@link org.repro4j.bench.Benchmark} runs everything and writes {@code results/bench.md};
 * {@link org.repro4j.bench.BenchCase} defines the networks, {@link org.repro4j.bench.StepTimer}
 * times steps of several engines interleaved (so machine load hits them alike),
 * {@link org.repro4j.bench.MachinePeak} measures the floor's two peaks,
 * {@link org.repro4j.bench.NumpyReference} runs {@code bench/numpy_step.py}, and
 * {@link org.repro4j.bench.BenchReport} writes the page. The measured history of each change is in
 * {@code bench/NOTES.md}.
 */
package org.repro4j.bench;
