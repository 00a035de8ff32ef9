package org.repro4j.backend;

/**
 * A GPU's compute capability and whether the ND4J 1.0.0-M2.1 CUDA binary can run on it. That
 * binary holds machine code (SASS) for sm_37 up to sm_86 and no PTX: a GPU runs machine code
 * built for its own major version and an equal or lower minor one, and without PTX nothing can
 * be compiled for a newer major version. So Kepler sm_37 through Ampere, and Ada (sm_89, which
 * runs sm_86 code), work; older Kepler (sm_30, sm_35) and Hopper (sm_90) or newer do not.
 */
record ComputeCapability(int major, int minor) {

    /** Parses {@code "8.6"}; returns null for anything else. */
    static ComputeCapability parse(String text) {
        if (text == null) {
            return null;
        }
        String[] parts = text.strip().split("\\.");
        if (parts.length != 2) {
            return null;
        }
        try {
            return new ComputeCapability(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    boolean supported() {
        return (major == 3 && minor >= 7) || (major >= 5 && major <= 8);
    }

    /** Why an unsupported capability cannot run the binary, in words a user can act on. */
    String whyUnsupported() {
        if (major >= 9) {
            return "sm_" + major + minor + " is newer than the newest architecture in the ND4J 1.0.0-M2.1 CUDA binary "
                    + "(sm_86) and the binary carries no PTX to compile for it: Hopper (H100, H200) and later GPUs "
                    + "cannot run it";
        }
        return "sm_" + major + minor + " is older than the oldest architecture in the ND4J 1.0.0-M2.1 CUDA binary (sm_37)";
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
