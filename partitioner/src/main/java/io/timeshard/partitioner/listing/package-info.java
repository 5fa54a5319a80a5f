/**
 * The one thing a restore partitioner asks of an object store: {@link
 * io.timeshard.partitioner.listing.ObjectLister}, a paged, optionally hierarchical listing, whose
 * pages ({@link io.timeshard.partitioner.listing.ListingPage}) hold folders (common prefixes) and
 * {@linkplain io.timeshard.partitioner.listing.ListedObject objects}. Every store of the connector
 * implements it.
 */
package io.timeshard.partitioner.listing;
