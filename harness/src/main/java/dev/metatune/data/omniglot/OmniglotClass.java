package dev.metatune.data.omniglot;

import java.util.Objects;

/**
 * One Omniglot class: the drawings of one character, turned counter-clockwise by
 * {@code quarterTurns * 90} degrees.
 *
 * @param name         e.g. {@code Angelic/character01/rot090}, or {@code Angelic/character01} unrotated
 *                     in the background/evaluation splits
 * @param drawings     the character's binary drawings, {@code size x size} each, back to back
 * @param size         side of one drawing
 * @param quarterTurns 0..3
 */
record OmniglotClass(String name, byte[] drawings, int size, int quarterTurns) {

    OmniglotClass {
        Objects.requireNonNull(name, "name");
        if (size < 1 || drawings.length % (size * size) != 0 || drawings.length == 0) {
            throw new IllegalArgumentException("drawings of " + name + " hold " + drawings.length
                    + " values, not a positive multiple of " + size + "x" + size);
        }
        if (quarterTurns < 0 || quarterTurns > 3) {
            throw new IllegalArgumentException("quarterTurns must be in 0..3, got " + quarterTurns);
        }
    }

    int count() {
        return drawings.length / (size * size);
    }
}
