package io.timeshard.connect.config;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Keys of the licensed storage connectors (sinks and restore sources) in the namespaces Timeshard
 * owns, that Timeshard does not use: a configuration copied from a sink or a licensed source keeps
 * working, and the connector lists what it ignores once, at INFO. A key in those namespaces that is
 * neither one of these nor one of Timeshard's is a mistake, reported by {@code /validate}.
 */
public final class LicensedConnectorKeys {

  /** Uploading, encryption, proxies and compression of the sinks; retries of the sources. */
  private static final Set<String> KEYS =
      Set.of(
          // written by the sinks, read back from the listing by Timeshard
          "store.kafka.keys",
          "store.kafka.headers",
          // S3
          "s3.part.size",
          "s3.part.retries",
          "s3.proxy.url",
          "s3.proxy.user",
          "s3.proxy.password",
          "s3.http.send.expect.continue",
          "s3.ssea.name",
          "s3.sse.customer.key",
          "s3.sse.kms.key.id",
          "s3.acl.canned",
          "s3.compression.type",
          "s3.compression.level",
          "s3.wan.mode",
          "s3.credentials.provider.class",
          "s3.object.tagging",
          "s3.object.behavior.on.tagging.error",
          "s3.elastic.buffer.enable",
          "s3.elastic.buffer.init.capacity",
          "s3.retry.max.backoff.ms",
          "s3.path.style.access",
          "s3.ssl.key.password",
          "aws.access.key.id.file",
          // Azure Blob Storage
          "azblob.block.size",
          "azblob.compression.type",
          "azblob.proxy.url",
          "azblob.proxy.user",
          "azblob.proxy.password",
          "azblob.retry.type",
          "azblob.retry.secondary.host",
          "azblob.connection.timeout.ms",
          "azblob.client.id",
          "azblob.client.secret",
          "azblob.tenant.id",
          // Google Cloud Storage
          "gcs.part.size",
          "gcs.compression.type",
          "gcs.compression.level",
          "gcs.proxy.url",
          "gcs.proxy.user",
          "gcs.proxy.password");

  private LicensedConnectorKeys() {}

  public static boolean contains(String key) {
    return KEYS.contains(key);
  }

  /** The keys of {@code props} that the licensed connectors use and Timeshard ignores. */
  public static Set<String> presentIn(Map<String, ?> props, Set<String> timeshardKeys) {
    Set<String> present = new TreeSet<>();
    for (String key : props.keySet()) {
      if (KEYS.contains(key) && !timeshardKeys.contains(key)) {
        present.add(key);
      }
    }
    return present;
  }
}
