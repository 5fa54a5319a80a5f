/**
 * Object keys as the storage sinks write them, {@code
 * <topics.dir>/<topic>/<folders>/<topic>+<partition>+<startOffset><extension>}: the parser, the
 * parsed {@link io.timeshard.partitioner.key.ObjectKey}, the {@linkplain
 * io.timeshard.partitioner.key.ObjectRole role} of an object (values, keys or headers) and its
 * {@linkplain io.timeshard.partitioner.key.BackupFormat format}.
 */
package io.timeshard.partitioner.key;
