namespace VoicePay.Lambda;

/// <summary>The Runtime API itself failed (not the handler): the runtime cannot go on and should exit.</summary>
public sealed class LambdaRuntimeApiException : Exception
{
    public LambdaRuntimeApiException()
    {
    }

    public LambdaRuntimeApiException(string message)
        : base(message)
    {
    }

    public LambdaRuntimeApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
