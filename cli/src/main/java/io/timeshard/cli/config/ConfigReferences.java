package io.timeshard.cli.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigTransformer;
import org.apache.kafka.common.config.provider.ConfigProvider;
import org.apache.kafka.common.config.provider.DirectoryConfigProvider;
import org.apache.kafka.common.config.provider.EnvVarConfigProvider;
import org.apache.kafka.common.config.provider.FileConfigProvider;

/**
 * Resolves {@code ${file:path:key}}, {@code ${directory:path:file}} and {@code ${env:NAME}} in a
 * connector configuration with Kafka's own config providers and transformer, as a worker that names
 * them {@code file}, {@code directory} and {@code env} in {@code config.providers} does.
 */
public final class ConfigReferences {

  /** Kafka's reference syntax: {@code ${provider:[path:]key}}. */
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]*?):(([^}]*?):)?([^}]*?)}");

  private ConfigReferences() {}

  /** Each key whose reference fails on its own, with the provider's reason. */
  private static List<String> failing(ConfigTransformer transformer, Map<String, String> config) {
    List<String> failing = new ArrayList<>();
    config.forEach(
        (key, value) -> {
          Matcher matcher = value == null ? null : REFERENCE.matcher(value);
          if (matcher == null || !matcher.find()) {
            return;
          }
          Map<String, String> one = new LinkedHashMap<>();
          one.put(key, value);
          try {
            transformer.transform(one);
          } catch (ConfigException e) {
            failing.add(key + ": " + matcher.group() + ": " + e.getMessage());
          }
        });
    return failing;
  }

  public static Map<String, String> resolve(Map<String, String> config) {
    Map<String, ConfigProvider> providers = new LinkedHashMap<>();
    providers.put("file", new FileConfigProvider());
    providers.put("directory", new DirectoryConfigProvider());
    providers.put("env", new EnvVarConfigProvider());
    providers.values().forEach(provider -> provider.configure(Map.of()));
    try {
      ConfigTransformer transformer = new ConfigTransformer(providers);
      Map<String, String> resolved;
      try {
        resolved = new LinkedHashMap<>(transformer.transform(config).data());
      } catch (ConfigException e) {
        throw new ConfigFileException(
            "Cannot resolve the configuration's references: run the command where the files and"
                + " variables they name exist, or put the values in a copy of the file",
            failing(transformer, config));
      }
      List<String> unresolved = new ArrayList<>();
      resolved.forEach(
          (key, value) -> {
            Matcher matcher = value == null ? null : REFERENCE.matcher(value);
            if (matcher != null && matcher.find()) {
              unresolved.add(
                  key
                      + ": "
                      + matcher.group()
                      + (providers.containsKey(matcher.group(1))
                          ? " names a file, folder or variable that does not exist here or"
                              + " a key it does not hold"
                          : " uses provider '"
                              + matcher.group(1)
                              + "', which this command does not have (it has "
                              + providers.keySet()
                              + ")"));
            }
          });
      if (!unresolved.isEmpty()) {
        throw new ConfigFileException(
            "Cannot resolve the configuration's references: run the command where the files and"
                + " variables they name exist, or put the values in a copy of the file",
            unresolved);
      }
      return resolved;
    } finally {
      for (ConfigProvider provider : providers.values()) {
        try {
          provider.close();
        } catch (Exception ignored) {
          // Closing a provider that holds nothing open cannot lose data.
        }
      }
    }
  }
}
