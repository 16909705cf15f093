package dev.grantex;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The feature packages depend on each other one way only: a reaction across features goes through
 * an event or down the layers, never in a circle. platform, at the bottom, depends on no feature.
 */
@AnalyzeClasses(packages = "dev.grantex", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule featurePackagesFormNoCycle = slices().matching("dev.grantex.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule platformDependsOnNoFeature = noClasses().that().resideInAPackage("dev.grantex.platform..")
            .should().dependOnClassesThat().resideOutsideOfPackages("dev.grantex.platform..", "java..", "javax..",
                    "jakarta..", "org.eclipse..", "org.jose4j..", "redis..", "com.github.f4b6a3..", "org.flywaydb..");
}
