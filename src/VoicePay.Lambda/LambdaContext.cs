namespace VoicePay.Lambda;

/// <summary>The context of one invocation, from the /next headers and the reserved variables.</summary>
internal sealed class LambdaContext(
    RuntimeInvocation invocation,
    LambdaEnvironment environment,
    ILambdaLogger logger,
    TimeProvider timeProvider,
    CancellationToken cancellationToken) : ILambdaContext
{
    public string AwsRequestId => invocation.RequestId;

    public string FunctionName => environment.FunctionName;

    public string FunctionVersion => environment.FunctionVersion;

    public string InvokedFunctionArn => invocation.InvokedFunctionArn;

    public int MemoryLimitInMB => environment.MemoryLimitInMB;

    public string LogGroupName => environment.LogGroupName;

    public string LogStreamName => environment.LogStreamName;

    public TimeSpan RemainingTime
    {
        get
        {
            var left = invocation.Deadline - timeProvider.GetUtcNow();
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
    }

    public string TraceId => invocation.TraceId;

    public ILambdaLogger Logger => logger;

    public CancellationToken CancellationToken => cancellationToken;
}
