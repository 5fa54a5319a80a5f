/**
 * The backup layouts: one restore partitioner per storage-sink partitioner, and {@link
 * io.timeshard.partitioner.layout.FolderLayoutRestorePartitioner}, the extension point for layouts
 * of one's own.
 *
 * <p>{@link io.timeshard.partitioner.layout.AbstractRestorePartitioner} holds what every layout
 * shares (topic discovery, key parsing, grouping into streams); its subclasses here decide how to
 * list inside a topic folder. Code outside this package extends {@link
 * io.timeshard.partitioner.layout.FolderLayoutRestorePartitioner}, which needs only the time each
 * folder covers and gets paging, window pruning, companions, tombstones and order from the planner.
 */
package io.timeshard.partitioner.layout;
