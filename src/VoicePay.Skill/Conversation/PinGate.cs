using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using VoicePay.Alexa.Responses;
using VoicePay.Skill.Pipeline;
using VoicePay.Skill.Security;
using VoicePay.Skill.Speech;

namespace VoicePay.Skill.Conversation;

/// <summary>
/// Stands between a request and its action when a voice PIN is needed: runs the action at once
/// if the PIN was verified recently in this session, otherwise asks for the PIN (ours, or
/// Alexa's through <c>AMAZON.VerifyPerson</c>) and remembers the action server-side.
/// </summary>
public sealed class PinGate(
    ConversationStore conversations,
    PendingActionRunner runner,
    VoicePinVerifier verifier,
    IOptions<PinOptions> options,
    TimeProvider time)
{
    public const string VerifyPersonToken = "voicepay-verify-person";

    /// <summary>
    /// Balances and transactions: behind the PIN unless <see cref="PinOptions.RequiredForBalance"/> is off.
    /// </summary>
    public async Task<SkillResponse> ReadAccountsAsync(HandlerInput input, PendingAction action, CancellationToken cancellationToken)
    {
        if (input.AccessToken is null)
        {
            return Replies.LinkAccount(input);
        }

        if (!options.Value.RequiredForBalance)
        {
            return await runner.ReadAccountsAsync(input, action, cancellationToken);
        }

        var state = await conversations.LoadAsync(input.UserId, input.SessionId, cancellationToken);
        return await RequireAsync(input, state, action, cancellationToken);
    }

    public bool IsVerified(ConversationState state) =>
        state.PinVerifiedAt is { } at && time.GetUtcNow() - at <= options.Value.VerifiedFor;

    /// <summary>Refuses early, before anything is collected, when our own PIN cannot succeed.</summary>
    public async Task<SkillResponse?> RefusalAsync(HandlerInput input, CancellationToken cancellationToken)
    {
        if (options.Value.Mode != PinMode.Skill)
        {
            return null;
        }

        return await verifier.ReadinessAsync(input.UserId, cancellationToken) switch
        {
            PinReadiness.NotEnrolled => Replies.Say(input, SpeechKeys.PinNotEnrolled),
            PinReadiness.Locked => Replies.Say(input, SpeechKeys.PinLocked),
            _ => null,
        };
    }

    public async Task<SkillResponse> RequireAsync(HandlerInput input, ConversationState state, PendingAction action, CancellationToken cancellationToken)
    {
        if (IsVerified(state))
        {
            return await runner.RunAsync(input, state, action, cancellationToken);
        }

        if (await RefusalAsync(input, cancellationToken) is { } refusal)
        {
            state.PendingTransfer = null;
            state.AwaitingPin = null;
            await conversations.SaveAsync(input.UserId, input.SessionId, state, cancellationToken);
            return refusal;
        }

        state.AwaitingPin = action;
        await conversations.SaveAsync(input.UserId, input.SessionId, state, cancellationToken);

        if (options.Value.Mode == PinMode.AlexaVoicePin)
        {
            return ResponseBuilder.Create()
                .AddDirective(new StartConnectionDirective
                {
                    Uri = "connection://AMAZON.VerifyPerson/2",
                    Input = new JsonObject
                    {
                        ["requestedAuthenticationConfidenceLevel"] = new JsonObject
                        {
                            ["level"] = 400,
                            ["customPolicy"] = new JsonObject { ["policyName"] = "VOICE_PIN" },
                        },
                    },
                    Token = VerifyPersonToken,
                })
                .LeaveSessionUnset()
                .Build();
        }

        return Replies.Ask(input, input.Speech.Say(SpeechKeys.PinAsk), SpeechKeys.PinReprompt);
    }
}
