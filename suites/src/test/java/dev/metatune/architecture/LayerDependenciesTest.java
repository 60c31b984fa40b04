package dev.metatune.architecture;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Enforces {@link LayerRules} over the production classes of all three modules, and checks on a
 * fixture that breaks them that the rules do fail (a rule that matches no class would pass on
 * anything).
 */
class LayerDependenciesTest {

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("dev.metatune");

    static Stream<ArchRule> rules() {
        return LayerRules.all("dev.metatune").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void productionCodeKeepsTheLayers(ArchRule rule) {
        rule.check(PRODUCTION);
    }

    @Test
    void theImportSeesEveryModule() {
        for (String pkg : List.of("dev.metatune.hpo", "dev.metatune.learner", "dev.metatune.sweep",
                "dev.metatune.report", "dev.metatune.cli", "dev.metatune.algorithms.maml")) {
            assertTrue(PRODUCTION.containPackage(pkg), "no production classes found in " + pkg);
        }
    }

    @Test
    void aFixtureThatBreaksTheLayersFails() {
        String root = "dev.metatune.architecture.fixture";
        JavaClasses fixture = new ClassFileImporter().importPackages(root);
        assertTrue(fixture.containPackage(root + ".task"), "fixture classes missing");
        List<ArchRule> rules = LayerRules.all(root);
        EvaluationResult bottomRule = rules.get(0).evaluate(fixture);
        assertTrue(bottomRule.hasViolation(), "a task class that uses the sweep must violate the layer rule");
        assertTrue(rules.get(rules.size() - 1).evaluate(fixture).hasViolation(), "the fixture's cycle must be found");
    }
}
