namespace VoicePay.Lambda.TestUtilities;

/// <summary>An <see cref="ILambdaContext"/> with settable members for handler tests, as in Amazon.Lambda.TestUtilities.</summary>
public sealed class TestLambdaContext : ILambdaContext
{
    public string AwsRequestId { get; set; } = Guid.NewGuid().ToString();

    public string FunctionName { get; set; } = "test-function";

    public string FunctionVersion { get; set; } = "$LATEST";

    public string InvokedFunctionArn { get; set; } = "arn:aws:lambda:us-east-1:123456789012:function:test-function";

    public int MemoryLimitInMB { get; set; } = 256;

    public string LogGroupName { get; set; } = "/aws/lambda/test-function";

    public string LogStreamName { get; set; } = "2026/01/01/[$LATEST]00000000000000000000000000000000";

    public TimeSpan RemainingTime { get; set; } = TimeSpan.FromSeconds(8);

    public string TraceId { get; set; } = string.Empty;

    /// <summary>A <see cref="TestLambdaLogger"/> by default, so tests can read what the handler logged.</summary>
    public ILambdaLogger Logger { get; set; } = new TestLambdaLogger();

    public CancellationToken CancellationToken { get; set; }
}
