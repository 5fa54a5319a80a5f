/**
 * Reading storage-sink backups back into restore plans: the public API a restore partitioner is
 * written against.
 *
 * <p>{@link io.timeshard.partitioner.RestorePartitioner} is the plug point named by {@code
 * partitioner.class}: {@link io.timeshard.partitioner.RestorePartitioners} resolves the name (a
 * sink alias or a class on the plugin's class path), creates it with its no-argument constructor
 * and {@linkplain io.timeshard.partitioner.RestorePartitioner#configure configures} it with the
 * connector's configuration, read through {@link io.timeshard.partitioner.PartitionerConfig}. Given
 * an {@link io.timeshard.partitioner.listing.ObjectLister} and a {@link
 * io.timeshard.partitioner.PlanRequest} (topics, window, format), it returns a {@link
 * io.timeshard.partitioner.RestorePlan}: one {@link io.timeshard.partitioner.PartitionStream} of
 * {@link io.timeshard.partitioner.BackupObject}s per Kafka partition, in restore order, with {@link
 * io.timeshard.partitioner.PlanStats} of what planning cost.
 *
 * <p>For a layout of one's own, extend {@link
 * io.timeshard.partitioner.layout.FolderLayoutRestorePartitioner} rather than implementing the
 * interface: see {@code docs/custom-partitioner.md}. Compile against this module's jar (in the
 * plugin's {@code lib/} folder) and {@code kafka-clients}, which the worker provides.
 */
package io.timeshard.partitioner;
