package dev.metatune.cli;

import dev.metatune.error.UserInputException;
import dev.metatune.learner.AlgorithmProvider;
import dev.metatune.learner.HyperparameterSpec;
import dev.metatune.learner.Hyperparameters;
import dev.metatune.space.Domain;
import dev.metatune.task.TaskKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/**
 * {@code --set name=value} (repeatable): algorithm hyperparameters on top of the paper's defaults.
 * The text is read as the hyperparameter's declared domain says (an integer, a number, true/false or
 * one of the choices) and must lie in that domain; an unknown name lists the algorithm's
 * hyperparameters. Every failure is a {@link UserInputException} naming the option and the value.
 */
final class HyperparameterOptions {

    @Option(names = {"-P", "--set"}, paramLabel = "NAME=VALUE",
            description = "An algorithm hyperparameter, e.g. --set inner_lr=0.4 (repeatable); "
                    + "'metatune list --hyperparameters' shows them with their domains and defaults.")
    List<String> assignments = List.of();

    /** The algorithm's defaults for {@code kind} with the assignments on top. */
    Hyperparameters resolve(AlgorithmProvider provider, TaskKind kind) {
        Map<String, HyperparameterSpec> known = provider.hyperparameters().stream()
                .collect(Collectors.toMap(HyperparameterSpec::name, s -> s, (a, b) -> a, LinkedHashMap::new));
        Map<String, Object> overrides = new LinkedHashMap<>();
        for (String assignment : assignments) {
            int eq = assignment.indexOf('=');
            if (eq <= 0 || eq == assignment.length() - 1) {
                throw new UserInputException("--set takes NAME=VALUE, got '" + assignment + "'");
            }
            String name = assignment.substring(0, eq).trim();
            String text = assignment.substring(eq + 1).trim();
            HyperparameterSpec spec = known.get(name);
            if (spec == null) {
                throw new UserInputException("--set " + name + ": " + provider.name() + " has no hyperparameter '"
                        + name + "'; it has: " + String.join(", ", known.keySet()));
            }
            Object value = parse(spec.domain(), text);
            if (value == null || !spec.domain().contains(value)) {
                throw new UserInputException("--set " + name + "=" + text + ": outside the domain of '" + name
                        + "'; allowed: " + spec.domain().describe());
            }
            overrides.put(name, value);
        }
        return provider.defaults(kind).with(overrides);
    }

    /** {@code text} read as {@code domain}'s type, or null when it is not of that type. */
    static Object parse(Domain domain, String text) {
        try {
            if (domain instanceof Domain.Bool) {
                return text.equals("true") ? Boolean.TRUE : text.equals("false") ? Boolean.FALSE : null;
            }
            if (domain instanceof Domain.Integer) {
                long v = Long.parseLong(text);
                return v == (int) v ? (Object) (int) v : (Object) v;
            }
            if (domain instanceof Domain.Real) {
                return Double.parseDouble(text);
            }
            for (Object choice : ((Domain.Choice) domain).choices()) {
                if (String.valueOf(choice).equals(text)) {
                    return choice;
                }
            }
            return null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
