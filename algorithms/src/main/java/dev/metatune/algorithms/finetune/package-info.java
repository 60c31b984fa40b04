/**
 * The transfer-learning baseline, registered as {@code finetune}: pretrain a Conv-4 network with a
 * linear classifier over all meta-train classes, then fine-tune a new head and the backbone's layers
 * (every block, only the last block, or none of them, by {@code freeze}) on each support set (as compared
 * in Chen et al., "A Closer Look at Few-shot Classification", ICLR 2019).
 */
package dev.metatune.algorithms.finetune;
