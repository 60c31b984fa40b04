/**
 * Reptile (Nichol, Achiam and Schulman, "On First-Order Meta-Learning Algorithms", arXiv:1803.02999,
 * 2018): the initialisation moves toward the weights inner SGD or Adam reaches on each task
 * ({@code reptile}).
 */
package dev.metatune.algorithms.reptile;
