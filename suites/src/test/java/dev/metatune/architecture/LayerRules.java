package dev.metatune.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * The direction of dependencies that DESIGN.md describes, as ArchUnit rules over the packages below
 * a root package (so that the same rules run over the real code and over a fixture that breaks them):
 * <ol>
 *   <li>{@code task}, {@code data}, {@code space} (search-space descriptions), {@code learner}
 *       (the algorithm SPI), {@code plugin} and {@code error} at the bottom;</li>
 *   <li>{@code hpo}, which knows nothing of learners, data or tasks, and {@code eval};</li>
 *   <li>{@code train}, {@code run} (run records) and {@code suite};</li>
 *   <li>{@code sweep} and {@code report} (which reads run records, never the sweep) on top of the
 *       harness;</li>
 *   <li>the {@code algorithms} module (plugins on layer 1 only) and the command line ({@code cli},
 *       {@code bench}) above everything.</li>
 * </ol>
 * No package cycles anywhere.
 */
final class LayerRules {

    private LayerRules() {
    }

    /** Every rule, for the packages below {@code root} (such as {@code dev.metatune}). */
    static List<ArchRule> all(String root) {
        String[] bottom = packages(root, "task", "data", "space", "learner", "plugin", "error");
        String[] aboveBottom = packages(root, "hpo", "eval", "train", "run", "suite", "sweep", "report", "algorithms", "cli",
                "bench");
        return List.of(
                noClasses().that().resideInAnyPackage(bottom).should().dependOnClassesThat().resideInAnyPackage(aboveBottom)
                        .as("layer 1 (task, data, space, learner, plugin, error) depends on nothing above it"),
                noClasses().that().resideInAPackage(root + ".hpo..").should().dependOnClassesThat().resideInAnyPackage(
                        packages(root, "task", "data", "learner", "eval", "train", "run", "suite", "sweep", "report",
                                "algorithms", "cli", "bench"))
                        .as("the HPO engine knows nothing of tasks, data, learners or anything above it"),
                noClasses().that().resideInAPackage(root + ".eval..").should().dependOnClassesThat().resideInAnyPackage(
                        packages(root, "hpo", "train", "run", "suite", "sweep", "report", "algorithms", "cli", "bench"))
                        .as("the evaluation protocol depends on layer 1 only"),
                noClasses().that().resideInAnyPackage(packages(root, "train", "run", "suite")).should()
                        .dependOnClassesThat().resideInAnyPackage(packages(root, "sweep", "report", "algorithms", "cli", "bench"))
                        .as("training, run records and suites do not depend on the sweep, the report or the plugins"),
                noClasses().that().resideInAPackage(root + ".report..").should().dependOnClassesThat().resideInAnyPackage(
                        packages(root, "sweep", "train", "suite", "algorithms", "cli", "bench"))
                        .as("the report reads run records only"),
                noClasses().that().resideInAPackage(root + ".sweep..").should().dependOnClassesThat().resideInAnyPackage(
                        packages(root, "algorithms", "cli", "bench"))
                        .as("the sweep names no algorithm and no command"),
                noClasses().that().resideInAPackage(root + ".algorithms..").should().dependOnClassesThat().resideInAnyPackage(
                        packages(root, "hpo", "eval", "train", "run", "suite", "sweep", "report", "cli", "bench"))
                        .as("algorithms are plugins on layer 1 only"),
                slices().matching(root + ".(**)").should().beFreeOfCycles().as("no package cycles"));
    }

    private static String[] packages(String root, String... names) {
        String[] out = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            out[i] = root + "." + names[i] + "..";
        }
        return out;
    }
}
