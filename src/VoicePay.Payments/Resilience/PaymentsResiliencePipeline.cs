using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace VoicePay.Payments.Resilience;

/// <summary>
/// Total budget, then retries, then a circuit breaker, then a per-attempt timeout (outermost first).
/// Every method is retried, POST /v1/transfers included: it carries an idempotency key and the same
/// request message, key and all, is sent again, so the bank replays its stored answer.
/// </summary>
internal static class PaymentsResiliencePipeline
{
    public static void Build(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, PaymentsClientOptions options, TimeProvider time)
    {
        pipeline.AddTimeout(options.TotalTimeout);
        if (options.MaxRetries > 0)
        {
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.RetryBaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(
                    HttpClientResiliencePredicates.IsTransient(args.Outcome) &&
                    !RetryAfterTooLong(args.Outcome.Result, args.Context.GetRequestMessage(), options, time)),
            });
        }

        pipeline
            .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                FailureRatio = options.CircuitBreakerFailureRatio,
                MinimumThroughput = options.CircuitBreakerMinimumThroughput,
                SamplingDuration = options.CircuitBreakerSamplingDuration,
                BreakDuration = options.CircuitBreakerBreakDuration,
            })
            .AddTimeout(options.AttemptTimeout);
    }

    /// <summary>A Retry-After we cannot honour within the budget ends the call now rather than hanging on to fail later.</summary>
    private static bool RetryAfterTooLong(HttpResponseMessage? response, HttpRequestMessage? request, PaymentsClientOptions options, TimeProvider time)
    {
        if (response?.Headers.RetryAfter is not { } retryAfter)
        {
            return false;
        }

        var wait = retryAfter.Delta
            ?? (retryAfter.Date is { } date ? date - time.GetUtcNow() : TimeSpan.Zero);
        var remaining = options.TotalTimeout;
        if (request is not null && request.Options.TryGetValue(AttemptLog.Key, out var log))
        {
            remaining -= time.GetElapsedTime(log.StartedAt);
        }

        return wait > options.MaxRetryAfter || wait >= remaining;
    }
}
