package org.repro4j.spec;

import org.repro4j.Sha256;

import java.nio.file.Path;
import java.util.List;

/**
 * An experiment as loaded once from its spec file: {@code extends} applied, validated, every
 * setting (an entry under {@code runs:}) resolved to the spec it trains with, and the canonical
 * JSON whose SHA-256 identifies the experiment's settings whichever file they came from.
 * Everything downstream takes this object, never the file.
 *
 * @param file          the spec file it was loaded from
 * @param spec          the experiment (the base settings, with its {@code runs:} list)
 * @param settings      each setting by name with its resolved spec; one unnamed setting ({@code ""})
 *                      when the spec lists no runs
 * @param canonicalJson the spec with {@code extends} resolved, as compact JSON with sorted keys
 */
public record ResolvedExperiment(Path file, ExperimentSpec spec, List<Setting> settings, String canonicalJson) {

    public ResolvedExperiment {
        settings = List.copyOf(settings);
    }

    /** One entry under {@code runs:} (or the spec itself when it has none) and the spec it trains with. */
    public record Setting(String name, ExperimentSpec spec) {
    }

    public String id() {
        return spec.id();
    }

    /** SHA-256 of {@link #canonicalJson()}: what {@code summary.json}'s {@code specSha256} records. */
    public String sha256() {
        return Sha256.of(canonicalJson);
    }

    /** The setting of that name. */
    public Setting setting(String name) {
        return settings.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(id() + " has no setting '" + name + "'"));
    }
}
