package io.timeshard.connect.store;

import java.net.URI;
import java.net.URISyntaxException;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Accepts an absolute {@code http://} or {@code https://} URL without credentials or a query (a
 * secret belongs in its own password key, not in a URL that is logged), or no value at all.
 */
public final class HttpUrlValidator implements ConfigDef.Validator {

  @Override
  public void ensureValid(String name, Object value) {
    if (value == null || value.toString().isBlank()) {
      return;
    }
    String url = value.toString().trim();
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new ConfigException(name, value, "not a URL: " + e.getReason());
    }
    String scheme = uri.getScheme();
    if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
      throw new ConfigException(name, value, "use an http:// or https:// URL");
    }
    if (uri.getHost() == null) {
      throw new ConfigException(name, value, "the URL names no host");
    }
    // Say which part is wrong without repeating it: it may hold a secret.
    if (uri.getRawUserInfo() != null || uri.getRawQuery() != null) {
      throw new ConfigException(
          name
              + " must not hold user information or a query (put a token or key in its own"
              + " password setting)");
    }
  }

  @Override
  public String toString() {
    return "an http:// or https:// URL without user information or a query";
  }
}
