package io.timeshard.partitioner;

/**
 * What planning cost and what it passed over.
 *
 * @param listCalls LIST requests sent to the store (one per page)
 * @param foldersPruned time folders never listed because they miss the window
 * @param objectsListed objects the listings returned
 * @param valueObjects value objects planned
 * @param companions {@code .keys} / {@code .headers} objects attached to a value object
 * @param unrecognised keys that do not fit the layout, skipped
 * @param otherFormat objects of another format than the one restored, skipped
 * @param misplaced well-formed files sitting in another topic's folder, skipped and reported
 * @param orphanCompanions companions without a value object, skipped (each named at WARN)
 * @param prunedByLastModified value objects skipped, with their companions, because they were last
 *     changed before the restore window started (see {@link LastModifiedPruning})
 * @param tombstoneObjects keys-only objects of the tombstone folder, planned as null-value records
 */
public record PlanStats(
    long listCalls,
    long foldersPruned,
    long objectsListed,
    long valueObjects,
    long companions,
    long unrecognised,
    long otherFormat,
    long misplaced,
    long orphanCompanions,
    long prunedByLastModified,
    long tombstoneObjects) {

  /** Statistics of a plan that pruned nothing by {@code lastModified} and found no tombstone. */
  public PlanStats(
      long listCalls,
      long foldersPruned,
      long objectsListed,
      long valueObjects,
      long companions,
      long unrecognised,
      long otherFormat,
      long misplaced,
      long orphanCompanions) {
    this(
        listCalls,
        foldersPruned,
        objectsListed,
        valueObjects,
        companions,
        unrecognised,
        otherFormat,
        misplaced,
        orphanCompanions,
        0,
        0);
  }
}
