package org.repro4j.cli;

import org.repro4j.backend.ActiveBackend;
import org.repro4j.backend.Backend;
import org.repro4j.backend.BackendCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;

@Command(name = "backend", description = {"Shows which ND4J backend (cpu or cuda), device and BLAS this build runs on.",
        "BACKEND=cuda (make BACKEND=cuda ..., or REPRO_BACKEND=cuda) first checks for an NVIDIA driver and GPU,"
                + " the CUDA 11 libraries and a supported compute capability, and says what is missing."})
final class BackendCommand implements Runnable {
    @Option(names = "--check-only", description = "Only check the build and the machine; do not load ND4J")
    boolean checkOnly;

    @Override
    public void run() {
        Backend backend = BackendCheck.requireUsable();
        System.out.println("Backend asked for: " + backend.label() + " (" + BackendCheck.ENV + ", else the class path)");
        if (!checkOnly) {
            System.out.println(ActiveBackend.current().line());
        }
    }

    /** Checks the backend before ND4J loads, then prints what ND4J loaded: the first lines of every run. */
    static void announce(PrintStream out) {
        BackendCheck.requireUsable();
        out.println(ActiveBackend.current().line());
    }
}
