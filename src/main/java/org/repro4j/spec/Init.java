package org.repro4j.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How weights start ({@code network.weight_init.distribution}). */
public enum Init {
    /** Normal with mean 0 and the given std. */
    @JsonProperty("normal")
    NORMAL,
    /** All zero. */
    @JsonProperty("zeros")
    ZEROS,
    /** DL4J's Xavier initialisation. */
    @JsonProperty("xavier")
    XAVIER;

    @Override
    public String toString() {
        return SpecNames.of(this);
    }
}
