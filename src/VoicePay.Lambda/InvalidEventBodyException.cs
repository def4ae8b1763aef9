using System.Text.Json;

namespace VoicePay.Lambda;

/// <summary>
/// The event body could not be read as the handler's request type. The bootstrap reports it to Lambda as
/// errorType <c>InvalidEventBody</c>. Messages name the place in the JSON, never the payload itself.
/// </summary>
public sealed class InvalidEventBodyException : Exception
{
    public const string ErrorType = "InvalidEventBody";

    public InvalidEventBodyException()
        : base("The event body is not valid.")
    {
    }

    public InvalidEventBodyException(string message)
        : base(message)
    {
    }

    public InvalidEventBodyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Describes why the body is not a <paramref name="expectedType"/> without quoting it.</summary>
    public static InvalidEventBodyException From(string expectedType, Exception cause)
    {
        ArgumentNullException.ThrowIfNull(cause);
        var where = cause is JsonException json
            ? $"invalid JSON at {json.Path ?? "$"} (line {(json.LineNumber ?? 0) + 1}, byte {(json.BytePositionInLine ?? 0) + 1})"
            : cause.GetType().Name;
        return new InvalidEventBodyException($"The event body is not a valid {expectedType}: {where}.", cause);
    }
}
