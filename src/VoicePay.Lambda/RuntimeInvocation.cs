namespace VoicePay.Lambda;

/// <summary>One event from <c>GET /runtime/invocation/next</c>: its body and headers.</summary>
internal sealed record RuntimeInvocation(
    string RequestId,
    DateTimeOffset Deadline,
    bool HasDeadline,
    string InvokedFunctionArn,
    string TraceId,
    byte[] Body);
