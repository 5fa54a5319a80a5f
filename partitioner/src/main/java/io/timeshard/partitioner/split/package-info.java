/**
 * Splitting a restore plan across Connect tasks: a pure function from partition streams, their
 * weights and {@code tasks.max} to task assignments, and the codec that carries an assignment in a
 * task's configuration.
 */
package io.timeshard.partitioner.split;
