package io.timeshard.connect;

import io.timeshard.connect.restore.TaskServices;

/** Builds a task's store and readers from its configuration. */
final class TaskServicesFactory {

  private TaskServicesFactory() {}

  static TaskServices create(RestoreSourceConfig config) {
    throw new UnsupportedOperationException("format readers are not wired yet");
  }
}
