package dev.metatune.hpo;

/** Whether a study looks for the smallest or the largest objective value. */
public enum StudyDirection {
    MINIMIZE,
    MAXIMIZE;

    /** Whether {@code a} is strictly better than {@code b} in this direction. */
    public boolean isBetter(double a, double b) {
        return this == MINIMIZE ? a < b : a > b;
    }

    /** {@code value} as a loss: itself when minimising, its negation when maximising. */
    public double toLoss(double value) {
        return this == MINIMIZE ? value : -value;
    }
}
