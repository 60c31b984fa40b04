package dev.metatune.algorithms.maml;

/**
 * {@code fomaml}: first-order MAML, which drops the second-order terms of the meta-gradient: the
 * gradient of the query loss at the adapted weights is applied to the meta-parameters (Finn, Abbeel
 * and Levine, ICML 2017, section 5.2; Nichol, Achiam and Schulman 2018). The MAML learner with
 * {@code first_order} defaulting to true.
 */
public final class FomamlProvider extends MamlProvider {

    public FomamlProvider() {
        super("fomaml", true);
    }
}
