package org.repro4j.backend;

import org.repro4j.CpuModel;

import java.util.Locale;

/**
 * The backend ND4J loaded, the device it computes on and the BLAS it calls, as printed at the
 * start of every run (the results' provenance records the same from ND4J's environment report).
 * Asking for it loads ND4J; call {@link BackendCheck#requireUsable()} first.
 *
 * @param backend ND4J's backend class, e.g. {@code org.nd4j.linalg.cpu.nativecpu.CpuBackend}
 * @param device  the CPU model and core count, or ND4J's description of the CUDA devices
 * @param blas    e.g. {@code OPENBLAS} or {@code CUBLAS}
 */
public record ActiveBackend(String backend, String device, String blas) {

    public static ActiveBackend current() {
        Nd4jInfo nd4j = Nd4jInfo.capture();
        boolean cuda = nd4j.backend().toLowerCase(Locale.ROOT).contains("jcublas");
        String device = cuda ? nd4j.environment().getOrDefault("cuda.devicesInformation", "CUDA device (not reported)")
                : CpuModel.name() + ", " + Runtime.getRuntime().availableProcessors() + " cores";
        return new ActiveBackend(nd4j.backend(), device, nd4j.blasVendor());
    }

    /** One line for the log: {@code backend ..., device ..., BLAS ...}. */
    public String line() {
        return "ND4J backend " + backend + "; device: " + device + "; BLAS: " + blas;
    }

}
