package org.repro4j;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTag;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The Spark build's classes (src/spark as well as src/main) keep {@link ArchitectureTest}'s layers, and Spark stays
 * behind the executor's seam: only {@code SparkExecutor} (with its nested classes) uses it, so {@code src/main} and the default
 * build never need it.
 */
@ArchTag("spark")
@AnalyzeClasses(packages = "org.repro4j", importOptions = SparkArchitectureTest.MainClassesOnly.class)
class SparkArchitectureTest {
    /** ArchUnit's own option knows Maven's target/test-classes only; this build's tests compile to target/spark/test-classes. */
    static final class MainClassesOnly implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("/test-classes/");
        }
    }

    @ArchTest
    static final ArchTests layers = ArchTests.in(ArchitectureTest.class);

    @ArchTest
    static final ArchRule onlyTheSparkExecutorUsesSpark = noClasses()
            .that().haveNameNotMatching("org\\.repro4j\\.train\\.SparkExecutor(\\$.*)?")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "scala..");
}
