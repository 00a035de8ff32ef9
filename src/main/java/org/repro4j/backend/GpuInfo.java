package org.repro4j.backend;

/**
 * One GPU as {@code nvidia-smi} lists it.
 *
 * @param name              e.g. {@code NVIDIA A100-SXM4-40GB}
 * @param computeCapability e.g. {@code 8.0}; null when the driver's nvidia-smi is too old to report it
 */
public record GpuInfo(String name, String computeCapability) {
}
