using VoicePay.Skill.Security;

namespace VoicePay.Composition;

/// <summary>
/// Settings for running on a developer machine against the embedded sandbox bank and SQLite.
/// The pepper here is public and for local use only: the Lambda reads its own from SSM.
/// </summary>
public static class LocalDefaults
{
    public const string SkillId = "amzn1.ask.skill.00000000-0000-0000-0000-000000000000";
    public const string DemoUserId = "amzn1.ask.account.TESTUSER";
    public const string DemoPin = "1234";

    /// <summary>Gives the demo person from events/*.json the demo PIN unless they already have one.</summary>
    public static async Task EnrollDemoPinAsync(VoicePinVerifier verifier, CancellationToken cancellationToken)
    {
        if (!await verifier.IsEnrolledAsync(DemoUserId, cancellationToken) && VoicePin.TryParse(DemoPin, out var pin))
        {
            await verifier.EnrollAsync(DemoUserId, pin, cancellationToken);
        }
    }

    public static IReadOnlyDictionary<string, string?> Settings(Uri? paymentsBaseUrl = null) => new Dictionary<string, string?>
    {
        ["VoicePay:SkillId"] = SkillId,
        ["VoicePay:Storage:Provider"] = StorageProviders.Sqlite,
        ["VoicePay:Storage:SqlitePath"] = ".data/voicepay.db",
        ["VoicePay:Pin:Pepper"] = "bG9jYWwtZGV2ZWxvcG1lbnQtcGVwcGVyLW5vdC1hLXNlY3JldA==",
        ["VoicePay:Payments:BaseUrl"] = paymentsBaseUrl?.AbsoluteUri,
    };
}
