package io.timeshard.connect.store.azure;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelinePosition;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import io.timeshard.connect.store.ThrottleSignal;
import reactor.core.publisher.Mono;

/**
 * Reports every attempt that shows the store loaded to a {@link ThrottleSignal}: a throttling or
 * server-error answer (503 {@code ServerBusy}, 429, 500), and a request that failed without an
 * answer (a reset connection, a timeout). Runs per retry, inside the client's retry policy, so the
 * reader hears of it before the retries are spent.
 */
final class ThrottleReportingPolicy implements HttpPipelinePolicy {

  private final ThrottleSignal signal;

  ThrottleReportingPolicy(ThrottleSignal signal) {
    this.signal = signal;
  }

  @Override
  public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
    return next.process()
        .doOnNext(response -> signal.status(response.getStatusCode()))
        .doOnError(failure -> signal.failed());
  }

  @Override
  public HttpPipelinePosition getPipelinePosition() {
    return HttpPipelinePosition.PER_RETRY;
  }
}
