/**
 * Relation Networks (Sung, Yang, Zhang, Xiang, Torr and Hospedales, "Learning to Compare: Relation
 * Network for Few-Shot Learning", CVPR 2018), registered as {@code relationnet}: a four-block
 * embedding module, a relation module (two conv blocks, two fully connected layers, sigmoid) scoring
 * every (class, query) pair, trained with mean-squared error against one-hot targets.
 */
package dev.metatune.algorithms.relationnet;
