using System.Text.Json;
using System.Text.Json.Serialization;
using VoicePay.Alexa.Json;

namespace VoicePay.Alexa.Requests;

/// <summary>The envelope Alexa sends for every custom-skill request.</summary>
public sealed class SkillRequest
{
    public string Version { get; set; } = "1.0";

    public Session? Session { get; set; }

    public Context? Context { get; set; }

    [JsonConverter(typeof(RequestConverter))]
    public Request Request { get; set; } = new UnknownRequest();
}

public sealed class Session
{
    public bool New { get; set; }

    public string? SessionId { get; set; }

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
    public string? ApplicationId { get; set; }
}

public sealed class User
{
    public string? UserId { get; set; }

    /// <summary>The account-linking token. A secret: never log, speak or show it.</summary>
    public string? AccessToken { get; set; }

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
