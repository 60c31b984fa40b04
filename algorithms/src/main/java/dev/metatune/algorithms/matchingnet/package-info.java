/**
 * Matching Networks (Vinyals, Blundell, Lillicrap, Kavukcuoglu and Wierstra, "Matching Networks for
 * One Shot Learning", NeurIPS 2016), registered as {@code matchingnet}: a Conv-4 embedding, softmax
 * attention over cosine similarities to the support set, and optional full context embeddings
 * (bidirectional LSTM over the support set, attention LSTM with K processing steps over queries).
 */
package dev.metatune.algorithms.matchingnet;
