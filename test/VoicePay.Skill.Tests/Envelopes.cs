using VoicePay.Alexa.Requests;

namespace VoicePay.Skill.Tests;

/// <summary>Builds request envelopes the way Alexa sends them, one turn at a time.</summary>
internal static class Envelopes
{
    public const string SkillId = "amzn1.ask.skill.00000000-0000-0000-0000-000000000000";
    public const string UserId = "amzn1.ask.account.TESTUSER";

    public static SkillRequest Launch(string locale = "en-US", string? accessToken = "demo-alice-token", string skillId = SkillId) =>
        Envelope(new LaunchRequest { RequestId = NewRequestId(), Timestamp = DateTimeOffset.UtcNow, Locale = locale }, accessToken, skillId);

    public static SkillRequest Intent(string name, IReadOnlyDictionary<string, string?>? slots = null, string locale = "en-US", string? accessToken = "demo-alice-token", string? dialogState = null, string confirmation = ConfirmationStatuses.None, string sessionId = "amzn1.echo-api.session.test") =>
        Envelope(
            new IntentRequest
            {
                RequestId = NewRequestId(),
                Timestamp = DateTimeOffset.UtcNow,
                Locale = locale,
                DialogState = dialogState,
                Intent = new Intent
                {
                    Name = name,
                    ConfirmationStatus = confirmation,
                    Slots = (slots ?? new Dictionary<string, string?>()).ToDictionary(
                        s => s.Key,
                        s => new Slot { Name = s.Key, Value = s.Value, ConfirmationStatus = ConfirmationStatuses.None }),
                },
            },
            accessToken,
            SkillId,
            sessionId);

    public static SkillRequest Envelope(Request request, string? accessToken = "demo-alice-token", string skillId = SkillId, string sessionId = "amzn1.echo-api.session.test") => new()
    {
        Session = new Session
        {
            New = request is LaunchRequest,
            SessionId = sessionId,
            Application = new Application { ApplicationId = skillId },
            User = new User { UserId = UserId, AccessToken = accessToken },
        },
        Context = new Context
        {
            System = new SystemState
            {
                Application = new Application { ApplicationId = skillId },
                User = new User { UserId = UserId, AccessToken = accessToken },
                Device = new Device { DeviceId = "amzn1.ask.device.TEST" },
            },
        },
        Request = request,
    };

    private static string NewRequestId() => $"amzn1.echo-api.request.{Guid.NewGuid()}";
}
