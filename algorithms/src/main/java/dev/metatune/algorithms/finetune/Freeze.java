package dev.metatune.algorithms.finetune;

import dev.metatune.algorithms.training.Conv4Embedding;
import dev.metatune.algorithms.training.NamedParameter;
import java.util.ArrayList;
import java.util.List;

/** Which layers fine-tuning leaves frozen ({@code freeze}); the new head is always trained. */
public enum Freeze {
    /** Fine-tune every layer of the backbone and the head. */
    NONE("none"),
    /** Freeze the backbone's first blocks; fine-tune its last block and the head. */
    BACKBONE_EXCEPT_LAST("backbone-except-last"),
    /** Freeze the whole backbone; fine-tune the head only (the Baseline recipe, here with plain SGD). */
    BACKBONE("backbone");

    private final String label;

    Freeze(String label) {
        this.label = label;
    }

    /** The hyperparameter value. */
    public String label() {
        return label;
    }

    /** The value named {@code label}; anything else is an error naming the field. */
    public static Freeze of(String label) {
        for (Freeze f : values()) {
            if (f.label.equals(label)) {
                return f;
            }
        }
        throw new IllegalArgumentException("hyperparameter 'freeze' must be one of none, backbone-except-last, "
                + "backbone, got '" + label + "'");
    }

    /** The backbone parameters fine-tuning updates under this choice. */
    List<NamedParameter> trainedBackbone(List<NamedParameter> backbone) {
        List<NamedParameter> out = new ArrayList<>();
        String last = "block" + (Conv4Embedding.BLOCKS - 1) + ".";
        for (NamedParameter p : backbone) {
            if (this == NONE || (this == BACKBONE_EXCEPT_LAST && p.name().startsWith(last))) {
                out.add(p);
            }
        }
        return out;
    }
}
