namespace VoicePay.Alexa.Apis.ProactiveEvents;

/// <summary>Where the skill's customers are: picks the Proactive Events host.</summary>
public enum AlexaRegion
{
    /// <summary>https://api.amazonalexa.com</summary>
    NorthAmerica,

    /// <summary>https://api.eu.amazonalexa.com</summary>
    Europe,

    /// <summary>https://api.fe.amazonalexa.com</summary>
    FarEast,
}

/// <summary>Development notifications reach only the skill's testers; live ones reach customers (after certification).</summary>
public enum ProactiveEventsStage
{
    Development,
    Live,
}

/// <summary>
/// Alexa notifications through the Proactive Events API (section <c>VoicePay:Alerts</c>, docs/alerts.md).
/// The client secret is a secret: it is sent only to the token endpoint and never logged.
/// </summary>
public sealed class ProactiveEventsOptions
{
    public const string SectionName = "VoicePay:Alerts";

    /// <summary>The skill's client id (Alexa developer console → Build → Permissions → Alexa Skill Messaging).</summary>
    public string ClientId { get; set; } = string.Empty;

    public string ClientSecret { get; set; } = string.Empty;

    /// <summary>SSM Parameter Store SecureString holding <see cref="ClientSecret"/> (Lambda: read once at init).</summary>
    public string? ClientSecretParameterName { get; set; }

    public AlexaRegion Region { get; set; } = AlexaRegion.NorthAmerica;

    /// <summary>Overrides <see cref="Region"/>'s host, e.g. a loopback fake in tests.</summary>
    public Uri? Endpoint { get; set; }

    public ProactiveEventsStage Stage { get; set; } = ProactiveEventsStage.Development;

    /// <summary>Login with Amazon's token endpoint; overridden only in tests.</summary>
    public Uri TokenEndpoint { get; set; } = new("https://api.amazon.com/auth/o2/token");

    /// <summary>The sender Alexa names ("a new message from Voice Pay").</summary>
    public string CreatorName { get; set; } = "Voice Pay";

    /// <summary>How long Alexa keeps an undelivered notification (Amazon allows 5 minutes to 24 hours).</summary>
    public TimeSpan Expiry { get; set; } = TimeSpan.FromHours(23);

    /// <summary>A token is fetched anew this long before it expires, so none is used as it runs out.</summary>
    public TimeSpan TokenRefreshMargin { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Requests per notification, the first included (a 403's one refresh counts as one).</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>The first backoff; each further one doubles, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A Retry-After longer than this ends the attempts (RetryLater): the delivery job waits instead.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>One request's deadline (token fetch or event).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>All attempts and waits for one notification stay within this.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The host for <see cref="Region"/>, unless <see cref="Endpoint"/> overrides it (Amazon, "Proactive Events REST API Reference").</summary>
    public Uri ResolveEndpoint() => Endpoint ?? Region switch
    {
        AlexaRegion.Europe => new Uri("https://api.eu.amazonalexa.com"),
        AlexaRegion.FarEast => new Uri("https://api.fe.amazonalexa.com"),
        _ => new Uri("https://api.amazonalexa.com"),
    };

    /// <summary><c>/v1/proactiveEvents/stages/development</c> or <c>/v1/proactiveEvents</c> under the endpoint.</summary>
    public Uri EventsUri()
    {
        var root = ResolveEndpoint().AbsoluteUri.TrimEnd('/');
        return new Uri(root + (Stage == ProactiveEventsStage.Live ? "/v1/proactiveEvents" : "/v1/proactiveEvents/stages/development"));
    }
}
