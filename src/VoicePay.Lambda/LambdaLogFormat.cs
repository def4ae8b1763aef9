namespace VoicePay.Lambda;

/// <summary>How log lines look, from <c>AWS_LAMBDA_LOG_FORMAT</c> (the function's logging configuration).</summary>
public enum LambdaLogFormat
{
    /// <summary><c>timestamp TAB request-id TAB LEVEL TAB message</c>, Lambda's default.</summary>
    Text = 0,

    /// <summary>One JSON object per line: <c>timestamp</c>, <c>level</c>, <c>message</c>, <c>requestId</c>, then fields.</summary>
    Json = 1,
}
