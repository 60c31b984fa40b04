package dev.metatune.suite;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code budget:} mapping over a base budget: the defaults at the suite level, the suite's
 * budget in an algorithm entry. Only the keys given replace the base's.
 */
final class BudgetParser {

    private static final Pattern DURATION = Pattern.compile("(?:(\\d{1,6})h)?\\s*(?:(\\d{1,7})m)?\\s*(?:(\\d{1,9})s)?");
    private static final int MAX_STEPS = 100_000_000;

    private BudgetParser() {
    }

    static Budget parse(YamlValue v, Budget base) {
        YamlMapping m = v.mapping(Budget.KEYS);
        int trainSteps = m.get("train_steps").map(x -> x.intIn(1, MAX_STEPS, "meta-training steps per trial"))
                .orElse(base.trainSteps());
        int validationEpisodes = m.get("validation_episodes")
                .map(x -> x.intIn(1, 1_000_000, "meta-validation episodes per validation"))
                .orElse(base.validationEpisodes());
        int finalTrainSteps = m.get("final_train_steps")
                .map(x -> x.intIn(1, MAX_STEPS, "meta-training steps per seed in the final evaluation"))
                .orElse(m.get("train_steps").isPresent() && base.finalTrainSteps() == base.trainSteps()
                        ? trainSteps : base.finalTrainSteps());
        int validateEvery;
        if (m.get("validate_every").isPresent()) {
            YamlValue x = m.require("validate_every");
            validateEvery = x.intIn(1, MAX_STEPS, "steps between validations");
            if (validateEvery > trainSteps) {
                throw x.invalid("exceeds train_steps " + trainSteps, "an integer in [1, train_steps]");
            }
        } else {
            validateEvery = Math.min(base.validateEvery(), trainSteps);
        }
        Duration timeout = m.get("study_timeout").map(BudgetParser::duration).orElse(base.studyTimeout());
        int checkpointEvery = m.get("checkpoint_every")
                .map(x -> x.intIn(0, MAX_STEPS, "steps between checkpoints of a running trial (0 = none)"))
                .orElse(base.checkpointEvery());
        return new Budget(trainSteps, validateEvery, validationEpisodes, finalTrainSteps, timeout, checkpointEvery);
    }

    /** Seconds as an integer, or a string such as {@code 90s}, {@code 30m}, {@code 2h}, {@code 1h30m}; 0 = none. */
    static Duration duration(YamlValue v) {
        String allowed = "seconds as an integer >= 0 (0 = no limit), or a duration such as 90s, 30m, 2h, 1h30m";
        if (v.node() instanceof org.yaml.snakeyaml.nodes.ScalarNode s
                && org.yaml.snakeyaml.nodes.Tag.INT.equals(s.getTag())) {
            long seconds = v.integer();
            if (seconds < 0) {
                throw v.invalid("is negative", allowed);
            }
            return Duration.ofSeconds(seconds);
        }
        String text = v.scalar(allowed).toString().trim().toLowerCase(Locale.ROOT);
        Matcher matcher = DURATION.matcher(text);
        if (text.isEmpty() || !matcher.matches()) {
            throw v.invalid("is not a duration", allowed);
        }
        long seconds = 0;
        long[] unit = {3600, 60, 1};
        for (int g = 1; g <= 3; g++) {
            if (matcher.group(g) != null) {
                seconds += Long.parseLong(matcher.group(g)) * unit[g - 1];
            }
        }
        return Duration.ofSeconds(seconds);
    }
}
