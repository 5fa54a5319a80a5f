package io.timeshard.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the JSON that is PUT to Connect: the {@code config} object itself, or the whole {@code
 * {"name": ..., "config": {...}}} that {@code POST /connectors} takes. Numbers and booleans become
 * strings, as Connect reads them; {@code ${provider:path:key}} references are resolved afterwards
 * by {@link ConfigReferences}.
 */
public final class RestoreConfigFile {

  private static final ObjectMapper JSON = new ObjectMapper();

  private RestoreConfigFile() {}

  /**
   * @param name the connector's name: the file's {@code name}, else the file name without {@code
   *     .json}
   * @param config the connector configuration, references not yet resolved
   */
  public record Loaded(String name, Map<String, String> config) {}

  public static Loaded read(Path file) {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file));
    } catch (NoSuchFileException e) {
      throw new ConfigFileException("No configuration file " + file);
    } catch (IOException e) {
      throw new ConfigFileException(
          "Cannot read " + file + " as JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
    return parse(root, defaultName(file), file.toString());
  }

  /** Reads an already parsed document; {@code source} names it in messages. */
  public static Loaded parse(JsonNode root, String defaultName, String source) {
    if (root == null || !root.isObject()) {
      throw new ConfigFileException(
          source + " must hold a JSON object: the connector's config, or {\"name\", \"config\"}");
    }
    JsonNode config = root;
    String name = defaultName;
    if (root.has("config") && root.get("config").isObject()) {
      config = root.get("config");
      if (root.hasNonNull("name")) {
        name = root.get("name").asText();
      }
    }
    if (config.hasNonNull("name")) {
      name = config.get("name").asText();
    }
    Map<String, String> props = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = config.properties().iterator();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode value = field.getValue();
      if (value.isNull()) {
        continue;
      }
      if (value.isContainerNode()) {
        throw new ConfigFileException(
            source
                + ": the value of '"
                + field.getKey()
                + "' must be a string, a number or a boolean, as Connect takes it");
      }
      props.put(field.getKey(), value.asText());
    }
    return new Loaded(name, props);
  }

  private static String defaultName(Path file) {
    String fileName = file.getFileName().toString();
    return fileName.endsWith(".json") ? fileName.substring(0, fileName.length() - 5) : fileName;
  }
}
