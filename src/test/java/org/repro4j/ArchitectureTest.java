package org.repro4j;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The packages are layered one way (shared/DESIGN.md): {@code cli} wires {@code search}, {@code study} and
 * {@code bench}, which use {@code train}, which orchestrates {@code data}, {@code model},
 * {@code report} and {@code backend} (peers that know nothing of each other), which know only
 * {@code spec}. The root package ({@code ReproException}) is for everyone.
 */
@AnalyzeClasses(packages = "org.repro4j", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("org.repro4j.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule layersPointDownOnly = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("cli").definedBy("org.repro4j.cli..")
            .layer("search").definedBy("org.repro4j.search..")
            .layer("study").definedBy("org.repro4j.study..")
            .layer("bench").definedBy("org.repro4j.bench..")
            .layer("train").definedBy("org.repro4j.train..")
            .layer("data").definedBy("org.repro4j.data..")
            .layer("model").definedBy("org.repro4j.model..")
            .layer("report").definedBy("org.repro4j.report..")
            .layer("backend").definedBy("org.repro4j.backend..")
            .layer("spec").definedBy("org.repro4j.spec..")
            .whereLayer("cli").mayNotBeAccessedByAnyLayer()
            .whereLayer("search").mayOnlyBeAccessedByLayers("cli")
            .whereLayer("study").mayOnlyBeAccessedByLayers("cli")
            .whereLayer("bench").mayOnlyBeAccessedByLayers("cli")
            .whereLayer("train").mayOnlyBeAccessedByLayers("cli", "search", "study", "bench")
            .whereLayer("data").mayOnlyBeAccessedByLayers("cli", "search", "study", "bench", "train")
            .whereLayer("model").mayOnlyBeAccessedByLayers("cli", "search", "study", "bench", "train")
            .whereLayer("report").mayOnlyBeAccessedByLayers("cli", "search", "study", "bench", "train")
            .whereLayer("backend").mayOnlyBeAccessedByLayers("cli", "search", "study", "bench", "train")
            .whereLayer("spec").mayOnlyBeAccessedByLayers("cli", "search", "study", "bench", "train", "data", "model", "report",
                    "backend");
}
