package io.timeshard.connect.store.s3;

import io.timeshard.connect.store.ThrottleSignal;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Reports every throttled attempt (503 {@code SlowDown}, 429) to a {@link ThrottleSignal}: the SDK
 * calls this after each transmission, retries included, so the reader hears of it before the
 * retries are spent.
 */
final class ThrottleReportingInterceptor implements ExecutionInterceptor {

  private final ThrottleSignal signal;

  ThrottleReportingInterceptor(ThrottleSignal signal) {
    this.signal = signal;
  }

  @Override
  public void afterTransmission(
      Context.AfterTransmission context, ExecutionAttributes executionAttributes) {
    signal.status(context.httpResponse().statusCode());
  }
}
