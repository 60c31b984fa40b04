/**
 * ANIL, Almost No Inner Loop (Raghu, Raghu, Bengio and Vinyals, "Rapid Learning or Feature Reuse?
 * Towards Understanding the Effectiveness of MAML", ICLR 2020): MAML whose inner loop adapts only
 * the network's head ({@code anil}).
 */
package dev.metatune.algorithms.anil;
