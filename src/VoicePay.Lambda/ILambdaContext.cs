namespace VoicePay.Lambda;

/// <summary>
/// What the handler knows about the current invocation and the function, as in Amazon.Lambda.Core.
/// ClientContext and Identity (AWS Mobile SDK callers only) are omitted: Alexa never sends them.
/// </summary>
public interface ILambdaContext
{
    /// <summary>The invocation's request ID (header <c>Lambda-Runtime-Aws-Request-Id</c>).</summary>
    string AwsRequestId { get; }

    /// <summary>From <c>AWS_LAMBDA_FUNCTION_NAME</c>.</summary>
    string FunctionName { get; }

    /// <summary>From <c>AWS_LAMBDA_FUNCTION_VERSION</c>.</summary>
    string FunctionVersion { get; }

    /// <summary>The ARN the caller used, with its version or alias (header <c>Lambda-Runtime-Invoked-Function-Arn</c>).</summary>
    string InvokedFunctionArn { get; }

    /// <summary>From <c>AWS_LAMBDA_FUNCTION_MEMORY_SIZE</c>.</summary>
    int MemoryLimitInMB { get; }

    /// <summary>From <c>AWS_LAMBDA_LOG_GROUP_NAME</c>.</summary>
    string LogGroupName { get; }

    /// <summary>From <c>AWS_LAMBDA_LOG_STREAM_NAME</c>.</summary>
    string LogStreamName { get; }

    /// <summary>Time left until Lambda stops the invocation (never negative).</summary>
    TimeSpan RemainingTime { get; }

    /// <summary>The X-Ray trace header (header <c>Lambda-Runtime-Trace-Id</c>), empty when there is none.</summary>
    string TraceId { get; }

    ILambdaLogger Logger { get; }

    /// <summary>
    /// Not in Amazon.Lambda.Core: cancelled a safety margin before the deadline (and when the runtime stops),
    /// so the handler still has time to answer, for example with an apology instead of a timeout.
    /// </summary>
    CancellationToken CancellationToken { get; }
}
