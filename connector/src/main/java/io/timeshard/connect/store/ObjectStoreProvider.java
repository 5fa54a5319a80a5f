package io.timeshard.connect.store;

import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Registers one kind of store with the connector: its configuration keys, how to recognise a
 * configuration meant for it, and how to create it. Providers are listed in {@link ObjectStores}.
 */
public interface ObjectStoreProvider {

  /** A short name for logs and for {@code store.type}: {@code file}, {@code azblob}, ... */
  String name();

  /** The store's own keys, shown in the connector's {@code /validate} under their own group. */
  ConfigDef configDef();

  /** True when {@code props} are meant for this store (its container key is set, say). */
  boolean accepts(Map<String, String> props);

  /**
   * Checks the configuration's shape without reaching the store: the container or bucket is named,
   * one kind of credentials is set and looks like one. Run by {@code /validate}; {@link #create}
   * checks again.
   *
   * @throws org.apache.kafka.common.config.ConfigException naming the key, never a secret's value
   */
  default void check(Map<String, String> props) {}

  /**
   * Creates the store from the connector's properties. Fails fast, naming the container and not the
   * secret, when the container is missing or the credentials are refused.
   */
  ObjectStore create(Map<String, String> props);
}
