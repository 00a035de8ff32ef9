package org.repro4j.train;

/**
 * A training that failed inside DL4J or ND4J (an op refused its input, native memory ran out),
 * which a hyperparameter search records as a failed candidate and goes on. Errors raised in
 * repro4j's own code are not wrapped: they are bugs, and they stop the search.
 */
public final class TrainingFailure extends RuntimeException {
    private static final String[] LIBRARIES = {"org.deeplearning4j.", "org.nd4j.", "org.bytedeco.", "org.datavec."};

    TrainingFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Whether {@code e} was thrown by DL4J, ND4J, JavaCPP or DataVec: the first frame of its stack
     * outside the JDK belongs to one of them. Native memory exhaustion counts too.
     */
    static boolean fromLibrary(Throwable e) {
        if (e instanceof OutOfMemoryError) {
            return true;
        }
        for (StackTraceElement frame : e.getStackTrace()) {
            String c = frame.getClassName();
            if (c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun.")) {
                continue;
            }
            for (String library : LIBRARIES) {
                if (c.startsWith(library)) {
                    return true;
                }
            }
            return false;
        }
        return false;
    }
}
