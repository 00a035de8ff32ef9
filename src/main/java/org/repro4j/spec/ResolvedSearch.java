package org.repro4j.spec;

import org.repro4j.Sha256;

import java.nio.file.Path;

/**
 * A search as loaded once from its spec file: validated, with the canonical JSON whose SHA-256
 * identifies it (in its journal and its results' provenance).
 *
 * @param canonicalJson the spec as compact JSON with sorted keys
 */
public record ResolvedSearch(Path file, SearchSpec spec, String canonicalJson) {

    /** SHA-256 of {@link #canonicalJson()}. */
    public String sha256() {
        return Sha256.of(canonicalJson);
    }
}
