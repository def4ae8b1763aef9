using System.Text.Json;
using System.Text.Json.Serialization;
using VoicePay.Alexa.Json;

namespace VoicePay.Alexa.Requests;

/// <summary>The envelope Alexa sends for every custom-skill request.</summary>
/// <remarks>
/// Reading JSON, a missing or null <c>request</c> is an error (<see cref="JsonException"/>): there is
/// nothing to answer. Empty identifiers (<c>"sessionId": ""</c>, <c>"userId": ""</c>, …) read as absent,
/// so code past the JSON layer only ever sees a real value or null.
/// </remarks>
public sealed class SkillRequest : IJsonOnDeserialized
{
    public string Version { get; set => field = value ?? "1.0"; } = "1.0";

    public Session? Session { get; set; }

    public Context? Context { get; set; }

    [JsonConverter(typeof(RequestConverter))]
    public Request Request
    {
        get;
        set
        {
            field = value;
            _requestRead = true;
        }
    } = new UnknownRequest();

    // Set when the JSON had a "request" property at all (the initializer above does not run the setter).
    private bool _requestRead;

    void IJsonOnDeserialized.OnDeserialized()
    {
        // The converter is not called for a JSON null, so the property is null here.
        if (!_requestRead || Request is null)
        {
            throw new AlexaJsonException("The envelope has no 'request' object.");
        }
    }
}

public sealed class Session
{
    public bool New { get; set; }

    /// <summary>Null when absent or empty.</summary>
    public string? SessionId { get; set => field = Identifiers.OrNull(value); }

    public Application? Application { get; set; }

    public Dictionary<string, JsonElement>? Attributes { get; set; }

    public User? User { get; set; }
}

public sealed class Context
{
    [JsonPropertyName("System")]
    public SystemState? System { get; set; }
}

public sealed class SystemState
{
    public Application? Application { get; set; }

    public User? User { get; set; }

    public Person? Person { get; set; }

    public Device? Device { get; set; }

    public string? ApiEndpoint { get; set; }

    public string? ApiAccessToken { get; set; }
}

public sealed class Application
{
    /// <summary>Null when absent or empty.</summary>
    public string? ApplicationId { get; set => field = Identifiers.OrNull(value); }
}

public sealed class User
{
    /// <summary>Null when absent or empty.</summary>
    public string? UserId { get; set => field = Identifiers.OrNull(value); }

    /// <summary>The account-linking token (null when absent or empty). A secret: never log, speak or show it.</summary>
    public string? AccessToken { get; set => field = Identifiers.OrNull(value); }

    public Permissions? Permissions { get; set; }
}

public sealed class Permissions
{
    public string? ConsentToken { get; set; }
}

public sealed class Person
{
    public string? PersonId { get; set; }

    public string? AccessToken { get; set; }
}

public sealed class Device
{
    public string? DeviceId { get; set; }

    public Dictionary<string, JsonElement>? SupportedInterfaces { get; set; }
}

/// <summary>Empty or blank identifiers and tokens are no identifier at all.</summary>
internal static class Identifiers
{
    public static string? OrNull(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
