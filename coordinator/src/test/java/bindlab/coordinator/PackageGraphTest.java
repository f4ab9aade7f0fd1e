// The package graph of the whole project (proto, engine, agent, coordinator: this module's test classpath holds them
// all) has no cycle: each package can be read, changed and tested from its dependencies up.
package bindlab.coordinator;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class PackageGraphTest {
    @Test
    void noTwoPackagesDependOnEachOther() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("bindlab");
        assertThat(classes.stream().map(c -> c.getPackageName()).distinct())
                .as("every module's packages are imported, or the rule would pass on too little")
                .contains("bindlab.proto.v1", "bindlab.engine.run", "bindlab.agent.platform.windows",
                        "bindlab.coordinator.report", "bindlab.coordinator.hub");
        slices().matching("bindlab.(**)").should().beFreeOfCycles().check(classes);
    }
}
