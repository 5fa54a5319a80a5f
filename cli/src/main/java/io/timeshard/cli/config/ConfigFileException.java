package io.timeshard.cli.config;

import java.util.List;

/** A configuration the command cannot use; the message says which key and what to do. */
public class ConfigFileException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public ConfigFileException(String message) {
    this(message, List.of());
  }

  public ConfigFileException(String message, List<String> problems) {
    super(message);
    this.problems = List.copyOf(problems);
  }

  /** One line per invalid key, as the connector's validation reports them. */
  public List<String> problems() {
    return problems;
  }
}
