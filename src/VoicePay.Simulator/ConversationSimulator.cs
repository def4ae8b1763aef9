using System.Text.Json;
using VoicePay.Alexa.Json;
using VoicePay.Alexa.Requests;
using VoicePay.Alexa.Responses;

namespace VoicePay.Simulator;

/// <summary>Who is talking, where, to which skill.</summary>
public sealed record SimulatorOptions
{
    public string Locale { get; init; } = "en-US";

    public string UserId { get; init; } = "amzn1.ask.account.TESTUSER";

    /// <summary>The account-linking token the bank issued; null for a person who has not linked.</summary>
    public string? AccessToken { get; init; } = "demo-alice-token";

    public string SkillId { get; init; } = "amzn1.ask.skill.00000000-0000-0000-0000-000000000000";

    public string DeviceId { get; init; } = "amzn1.ask.device.SIMULATOR";
}

/// <summary>One request and the skill's answer, as sent and received.</summary>
public sealed record Exchange(SkillRequest Request, byte[] RequestJson, SkillResponse Response, byte[] ResponseJson);

/// <summary>Everything one utterance led to.</summary>
public sealed class Turn
{
    public required string Utterance { get; init; }

    /// <summary>What Alexa understood: "LaunchRequest", or the intent with its slots.</summary>
    public string Heard { get; set; } = string.Empty;

    public Understanding? Understanding { get; set; }

    public List<Exchange> Exchanges { get; } = [];

    /// <summary>Prompts Alexa spoke from the dialog model (after Dialog.Delegate), without calling the skill.</summary>
    public List<string> DialogPrompts { get; } = [];

    /// <summary>What the simulator itself has to say (a session that ended, an unsupported directive).</summary>
    public List<string> Notes { get; } = [];

    public SkillResponse? Response => Exchanges.Count > 0 ? Exchanges[^1].Response : null;

    /// <summary>All Alexa said this turn, as plain words: dialog prompts, then the skill's speech.</summary>
    public string Speech => string.Join(' ', DialogPrompts.Append(ReplyText.Plain(Response?.Response.OutputSpeech)).Where(s => s.Length > 0));

    public string Ssml => ReplyText.Markup(Response?.Response.OutputSpeech);

    public string? Reprompt => Response?.Response.Reprompt?.OutputSpeech is { } reprompt ? ReplyText.Plain(reprompt) : null;

    public string? Card => ReplyText.Card(Response?.Response.Card);

    public IReadOnlyList<string> Directives => [.. (Response?.Response.Directives ?? []).Select(ReplyText.Directive)];

    public bool SessionEnded { get; set; }
}

/// <summary>
/// An Alexa device and Alexa's dialog manager in one: turns what a person types into the envelope
/// Alexa would send, sends it to the skill, and carries the session from turn to turn: session
/// attributes, dynamic entities, and the dialog (after <c>Dialog.ElicitSlot</c>,
/// <c>ConfirmSlot</c> or <c>ConfirmIntent</c> the next answer is routed the way Alexa routes it;
/// after <c>Dialog.Delegate</c> the dialog model's prompts are played until the intent is complete).
/// </summary>
public sealed class ConversationSimulator
{
    private static readonly string[] LaunchVerbs = ["open", "launch", "start", "begin", "load", "run", "use", "play"];
    private static readonly string[] OneShotVerbs = ["ask", "tell"];
    private static readonly string[] OneShotJoins = ["to", "for", "about", "if", "whether", "that"];

    private readonly InteractionModel model;
    private readonly ISkillEndpoint endpoint;
    private readonly SimulatorOptions options;
    private readonly IReadOnlyList<string> invocation;
    private Dictionary<string, JsonElement>? attributes;
    private PendingDialog? dialog;

    public ConversationSimulator(InteractionModel model, ISkillEndpoint endpoint, SimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        this.model = model;
        this.endpoint = endpoint;
        this.options = options;
        Resolver = new UtteranceResolver(model, options.SkillId);
        invocation = Utterances.Tokenize(model.InvocationName);
    }

    public UtteranceResolver Resolver { get; }

    public SimulatorOptions Options => options;

    /// <summary>The open session's ID, or null between sessions.</summary>
    public string? SessionId { get; private set; }

    /// <summary>The session attributes the skill returned last.</summary>
    public IReadOnlyDictionary<string, JsonElement>? Attributes => attributes;

    /// <summary>"Eliciting Payee for SendMoneyIntent" and the like, or null when no dialog is in progress.</summary>
    public string? DialogDescription => dialog?.Describe();

    public async Task<Turn> SayAsync(string utterance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utterance);
        var turn = new Turn { Utterance = utterance };
        var tokens = Utterances.Tokenize(utterance).ToList();
        if (tokens.Count > 0 && tokens[0] == "alexa")
        {
            tokens.RemoveAt(0);
        }

        if (IsLaunch(tokens))
        {
            await EndIfOpenAsync(turn, cancellationToken);
            StartSession();
            turn.Heard = RequestTypes.Launch;
            await SendAsync(turn, new LaunchRequest(), cancellationToken);
            return turn;
        }

        if (OneShot(tokens) is { } rest)
        {
            await EndIfOpenAsync(turn, cancellationToken);
            StartSession();
            tokens = [.. rest];
        }
        else if (SessionId is null)
        {
            StartSession();
            turn.Notes.Add($"No session was open: heard as \"ask {model.InvocationName} to {Utterances.Join(tokens)}\".");
        }

        if (tokens is ["exit"] or ["goodbye"])
        {
            turn.Heard = "SessionEndedRequest (USER_INITIATED)";
            await SendAsync(turn, new SessionEndedRequest { Reason = "USER_INITIATED" }, cancellationToken);
            CloseSession(turn);
            return turn;
        }

        var text = Utterances.Join(tokens);
        var (intent, dialogState) = Route(text, turn);
        if (intent is null)
        {
            return turn;
        }

        await SendIntentAsync(turn, intent, dialogState, cancellationToken);
        return turn;
    }

    /// <summary>Decides which intent the words become, given the dialog in progress.</summary>
    private (Intent? Intent, string? DialogState) Route(string text, Turn turn)
    {
        var tokens = Utterances.Tokenize(text);
        var builtIn = BuiltInIntents.Match(tokens);
        var pending = dialog;
        dialog = null;

        if (pending is { Kind: DialogKind.ConfirmIntent or DialogKind.ConfirmSlot } && builtIn is BuiltInIntents.Yes or BuiltInIntents.No)
        {
            var status = builtIn == BuiltInIntents.Yes ? ConfirmationStatuses.Confirmed : ConfirmationStatuses.Denied;
            var intent = Copy(pending.Intent);
            if (pending.Kind == DialogKind.ConfirmIntent)
            {
                intent.ConfirmationStatus = status;
            }
            else if (intent.Slots.TryGetValue(pending.Slot!, out var slot))
            {
                slot.ConfirmationStatus = status;
            }

            turn.Heard = $"{intent.Name} ({(pending.Kind == DialogKind.ConfirmIntent ? "intent" : pending.Slot)} {status})";
            if (pending.Delegated)
            {
                return Delegate(intent, turn);
            }

            return (intent, DialogStates.InProgress);
        }

        var understood = pending is { Kind: DialogKind.ElicitSlot }
            ? Resolver.Resolve(text, pending.Intent.Name, pending.Slot)
            : Resolver.Resolve(text);
        turn.Understanding = understood;

        if (pending is { Kind: DialogKind.ElicitSlot } && understood.IntentName == pending.Intent.Name)
        {
            var merged = Copy(pending.Intent);
            foreach (var (name, slot) in understood.Slots)
            {
                if (slot.Value is not null)
                {
                    merged.Slots[name] = slot;
                }
            }

            turn.Heard = Describe(merged);
            return pending.Delegated ? Delegate(merged, turn) : (merged, DialogStates.InProgress);
        }

        var fresh = new Intent
        {
            Name = understood.IntentName,
            ConfirmationStatus = ConfirmationStatuses.None,
            Slots = new Dictionary<string, Slot>(understood.Slots, StringComparer.Ordinal),
        };
        turn.Heard = Describe(fresh);
        return (fresh, model.Dialog.ContainsKey(fresh.Name) ? DialogStates.Started : null);
    }

    private async Task SendIntentAsync(Turn turn, Intent intent, string? dialogState, CancellationToken cancellationToken)
    {
        // Delegation can need several requests in one turn: the skill delegates, the intent is complete, the skill answers.
        for (var hop = 0; hop < 5; hop++)
        {
            await SendAsync(turn, new IntentRequest { Intent = intent, DialogState = dialogState }, cancellationToken);
            var response = turn.Response!;
            if (response.Response.Directives?.OfType<DialogDelegateDirective>().FirstOrDefault() is not { } delegation || SessionId is null)
            {
                return;
            }

            dialog = null;
            var (next, state) = Delegate(Copy(delegation.UpdatedIntent ?? intent), turn);
            if (next is null)
            {
                return;
            }

            intent = next;
            dialogState = state;
        }
    }

    /// <summary>
    /// Alexa's side of <c>Dialog.Delegate</c>: asks for the next required slot or the intent's
    /// confirmation with the dialog model's prompt, or, when nothing is missing, returns the intent
    /// to send as COMPLETED.
    /// </summary>
    private (Intent? Intent, string? DialogState) Delegate(Intent intent, Turn turn)
    {
        if (!model.Dialog.TryGetValue(intent.Name, out var rules))
        {
            return (intent, DialogStates.Completed);
        }

        foreach (var slot in rules.Slots)
        {
            if (slot.ElicitationRequired && string.IsNullOrWhiteSpace(intent.SlotValue(slot.Name)))
            {
                turn.DialogPrompts.Add(PromptText(slot.ElicitationPrompt, intent) ?? $"What is the {slot.Name}?");
                dialog = new PendingDialog(DialogKind.ElicitSlot, intent, slot.Name, Delegated: true);
                return (null, null);
            }
        }

        if (rules.ConfirmationRequired && intent.ConfirmationStatus is null or ConfirmationStatuses.None)
        {
            turn.DialogPrompts.Add(PromptText(rules.ConfirmationPrompt, intent) ?? "Is that right?");
            dialog = new PendingDialog(DialogKind.ConfirmIntent, intent, null, Delegated: true);
            return (null, null);
        }

        return (intent, intent.ConfirmationStatus == ConfirmationStatuses.Denied ? DialogStates.InProgress : DialogStates.Completed);
    }

    private string? PromptText(string? promptId, Intent intent)
    {
        if (promptId is null || !model.Prompts.TryGetValue(promptId, out var variations) || variations.Count == 0)
        {
            return null;
        }

        var text = variations[0];
        foreach (var (name, slot) in intent.Slots)
        {
            text = text.Replace("{" + name + "}", slot.Value ?? string.Empty, StringComparison.Ordinal);
        }

        return text;
    }

    private async Task SendAsync(Turn turn, Request request, CancellationToken cancellationToken)
    {
        request.RequestId = $"amzn1.echo-api.request.{Guid.NewGuid()}";
        request.Timestamp = DateTimeOffset.UtcNow;
        request.Locale = options.Locale;
        var envelope = Envelope(request);
        var requestJson = JsonSerializer.SerializeToUtf8Bytes(envelope, AlexaJsonContext.Default.SkillRequest);
        var responseJson = await endpoint.SendAsync(requestJson, cancellationToken);
        SkillResponse response;
        try
        {
            response = JsonSerializer.Deserialize(responseJson, AlexaJsonContext.Default.SkillResponse)
                ?? throw new SkillEndpointException("The skill answered with an empty response.");
        }
        catch (JsonException ex)
        {
            throw new SkillEndpointException($"The skill's answer is not an Alexa response: {ex.Message}", ex);
        }

        turn.Exchanges.Add(new Exchange(envelope, requestJson, response, responseJson));
        if (request is SessionEndedRequest)
        {
            return;
        }

        Apply(turn, response);
    }

    private void Apply(Turn turn, SkillResponse response)
    {
        attributes = response.SessionAttributes;
        var directives = response.Response.Directives ?? [];
        foreach (var directive in directives)
        {
            switch (directive)
            {
                case DialogUpdateDynamicEntitiesDirective update:
                    Resolver.UpdateDynamicEntities(update);
                    break;
                case DialogElicitSlotDirective elicit when elicit.UpdatedIntent is not null:
                    dialog = new PendingDialog(DialogKind.ElicitSlot, Copy(elicit.UpdatedIntent), elicit.SlotToElicit, Delegated: false);
                    break;
                case DialogConfirmSlotDirective confirm when confirm.UpdatedIntent is not null:
                    dialog = new PendingDialog(DialogKind.ConfirmSlot, Copy(confirm.UpdatedIntent), confirm.SlotToConfirm, Delegated: false);
                    break;
                case DialogConfirmIntentDirective confirm when confirm.UpdatedIntent is not null:
                    dialog = new PendingDialog(DialogKind.ConfirmIntent, Copy(confirm.UpdatedIntent), null, Delegated: false);
                    break;
                case StartConnectionDirective connection:
                    turn.Notes.Add($"The skill started {connection.Uri}; the simulator cannot play it (use PIN mode Skill for local runs).");
                    break;
            }
        }

        var keepsListening = response.Response.Reprompt is not null || directives.Count > 0;
        if (response.Response.ShouldEndSession == true || (response.Response.ShouldEndSession is null && !keepsListening))
        {
            CloseSession(turn);
        }
    }

    private SkillRequest Envelope(Request request)
    {
        var user = new User { UserId = options.UserId, AccessToken = options.AccessToken };
        var application = new Application { ApplicationId = options.SkillId };
        var isNew = request is LaunchRequest || SessionIsNew;
        SessionIsNew = false;
        return new SkillRequest
        {
            Version = "1.0",
            Session = new Session
            {
                New = isNew,
                SessionId = SessionId,
                Application = application,
                Attributes = attributes is null ? null : new Dictionary<string, JsonElement>(attributes),
                User = user,
            },
            Context = new Context
            {
                System = new SystemState
                {
                    Application = application,
                    User = new User { UserId = options.UserId, AccessToken = options.AccessToken },
                    Person = PersonId is null ? null : new Person { PersonId = PersonId },
                    Device = new Device
                    {
                        DeviceId = options.DeviceId,
                        SupportedInterfaces = new Dictionary<string, JsonElement>(StringComparer.Ordinal),
                    },
                    ApiEndpoint = "https://api.amazonalexa.com",
                },
            },
            Request = request,
        };
    }

    private bool SessionIsNew { get; set; }

    /// <summary>
    /// The household member whose voice Alexa recognizes in the next requests (<c>context.System.person.personId</c>), or
    /// null when it recognizes nobody. It can change mid-session: another person in the room speaks.
    /// </summary>
    public string? PersonId { get; set; }

    private void StartSession()
    {
        SessionId = $"amzn1.echo-api.session.{Guid.NewGuid()}";
        SessionIsNew = true;
        attributes = null;
        dialog = null;
        Resolver.ClearDynamicEntities();
    }

    private void CloseSession(Turn turn)
    {
        SessionId = null;
        attributes = null;
        dialog = null;
        Resolver.ClearDynamicEntities();
        turn.SessionEnded = true;
    }

    private async Task EndIfOpenAsync(Turn turn, CancellationToken cancellationToken)
    {
        if (SessionId is not null)
        {
            await SendAsync(turn, new SessionEndedRequest { Reason = "USER_INITIATED" }, cancellationToken);
            turn.Exchanges.Clear();
        }
    }

    private bool IsLaunch(List<string> tokens) =>
        tokens.Count == invocation.Count + 1 && LaunchVerbs.Contains(tokens[0]) && tokens.Skip(1).SequenceEqual(invocation);

    private List<string>? OneShot(List<string> tokens)
    {
        if (tokens.Count <= invocation.Count + 1 || !OneShotVerbs.Contains(tokens[0]) || !tokens.Skip(1).Take(invocation.Count).SequenceEqual(invocation))
        {
            return null;
        }

        var rest = tokens.Skip(1 + invocation.Count).ToList();
        if (rest.Count > 1 && OneShotJoins.Contains(rest[0]))
        {
            rest.RemoveAt(0);
        }

        return rest;
    }

    private static string Describe(Intent intent)
    {
        var slots = intent.Slots.Values.Where(s => s.Value is not null).Select(s => $"{s.Name}={s.Value}{Resolution(s)}");
        var list = string.Join(", ", slots);
        return list.Length == 0 ? intent.Name : $"{intent.Name} ({list})";
    }

    private static string Resolution(Slot slot) => slot.Resolutions?.ResolutionsPerAuthority switch
    {
        null or [] => string.Empty,
        var authorities when slot.FirstMatch is { } match => $" [{ResolutionStatusCodes.Match}: {match.Name}{(authorities.Any(a => a.Authority?.Contains(".dynamic.", StringComparison.Ordinal) == true && a.Status?.Code == ResolutionStatusCodes.Match) ? ", dynamic" : string.Empty)}]",
        _ => $" [{ResolutionStatusCodes.NoMatch}]",
    };

    private static Intent Copy(Intent intent) => new()
    {
        Name = intent.Name,
        ConfirmationStatus = intent.ConfirmationStatus ?? ConfirmationStatuses.None,
        Slots = intent.Slots.ToDictionary(
            s => s.Key,
            s => new Slot
            {
                Name = s.Value.Name.Length > 0 ? s.Value.Name : s.Key,
                Value = s.Value.Value,
                ConfirmationStatus = s.Value.ConfirmationStatus ?? ConfirmationStatuses.None,
                Source = s.Value.Source,
                Resolutions = s.Value.Resolutions,
                SlotValue = s.Value.SlotValue,
            },
            StringComparer.Ordinal),
    };

    private enum DialogKind
    {
        ElicitSlot,
        ConfirmSlot,
        ConfirmIntent,
    }

    private sealed record PendingDialog(DialogKind Kind, Intent Intent, string? Slot, bool Delegated)
    {
        public string Describe() => Kind switch
        {
            DialogKind.ElicitSlot => $"eliciting {Slot} for {Intent.Name}",
            DialogKind.ConfirmSlot => $"confirming {Slot} of {Intent.Name}",
            _ => $"confirming {Intent.Name}",
        };
    }
}
