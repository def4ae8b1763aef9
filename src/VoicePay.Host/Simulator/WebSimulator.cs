using System.Text.Json.Serialization;
using VoicePay.Alexa.Json;
using VoicePay.Composition;
using VoicePay.Sandbox.Ledger;
using VoicePay.Sandbox.Seed;
using VoicePay.Simulator;
using VoicePay.Skill.Pipeline;
using VoicePay.Skill.State;

namespace VoicePay.Host.Simulator;

/// <summary>
/// <c>GET /simulator</c> in local runs: the offline Alexa of <c>voicepay chat</c> as a web page,
/// talking to this host's own skill, with the sandbox bank's books beside the transcript.
/// One conversation per locale: a local tool for one developer.
/// </summary>
public sealed class WebSimulator(SkillPipeline pipeline, SandboxLedger ledger, IUserStateStore store, IConfiguration configuration) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly Dictionary<string, ConversationSimulator> conversations = new(StringComparer.Ordinal);

    public static void Map(WebApplication app)
    {
        app.MapGet("/simulator", () => Results.Stream(Page(), "text/html; charset=utf-8"));
        app.MapPost("/simulator/api/say", (SayBody body, WebSimulator simulator, CancellationToken cancellationToken) => simulator.SayAsync(body, cancellationToken));
        app.MapPost("/simulator/api/reset", (WebSimulator simulator, CancellationToken cancellationToken) => simulator.ResetAsync(cancellationToken));
        app.MapGet("/simulator/api/bank", (string? locale, WebSimulator simulator) => simulator.Bank(locale));
        PhonePanel.Map(app);
    }

    private static Stream Page() =>
        typeof(WebSimulator).Assembly.GetManifestResourceStream("VoicePay.Host.Simulator.simulator.html")
        ?? throw new InvalidOperationException("The simulator page is not embedded.");

    public async Task<IResult> SayAsync(SayBody body, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body.Text))
        {
            return Results.Text("Say something: {\"text\": \"open voice pay\", \"locale\": \"en-US\"}", "text/plain", statusCode: StatusCodes.Status400BadRequest);
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            var simulator = Conversation(Locale(body.Locale), out var error);
            if (simulator is null)
            {
                return Results.Text(error, "text/plain", statusCode: StatusCodes.Status404NotFound);
            }

            var turn = await simulator.SayAsync(body.Text, cancellationToken);
            return TypedResults.Ok(new TurnBody(
                turn.Utterance,
                turn.Heard,
                turn.Speech,
                turn.Ssml,
                turn.Reprompt,
                turn.Card,
                [.. turn.Directives],
                [.. turn.Notes],
                turn.SessionEnded,
                simulator.SessionId,
                simulator.DialogDescription,
                simulator.Attributes is { Count: > 0 } attributes ? string.Join(", ", attributes.Select(a => $"{a.Key}={a.Value}")) : null,
                [.. turn.Exchanges.Select(e => new ExchangeBody(Json.Pretty(e.RequestJson), Json.Pretty(e.ResponseJson)))]));
        }
        catch (SkillEndpointException ex)
        {
            return Results.Text(ex.Message, "text/plain", statusCode: StatusCodes.Status502BadGateway);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Forgets the conversations and clears the demo person's PIN lock. The ledger stays: <c>voicepay reset</c> with the host stopped wipes it.</summary>
    public async Task<IResult> ResetAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            conversations.Clear();
            await store.UpdatePinAttemptsAsync(PinHolder.Account(LocalDefaults.DemoUserId), _ => (PinAttemptWindow.Empty, true), cancellationToken);
            return TypedResults.NoContent();
        }
        finally
        {
            gate.Release();
        }
    }

    public IResult Bank(string? locale)
    {
        var token = TokenFor(Locale(locale));
        if (ledger.FindCustomer(token) is not { } customer)
        {
            return Results.NotFound();
        }

        return TypedResults.Ok(new BankBody(
            [.. ledger.GetAccounts(customer).Select(a => new AccountLine(a.Type, a.Nickname, a.LastFour, a.AvailableBalance, a.Currency))],
            [.. ledger.GetTransactions(customer, new TransactionFilter(), 10).Transactions.Select(t => new TransactionLine(t.PostedAt, t.AccountId, t.Description, t.Amount, t.Currency))]));
    }

    private ConversationSimulator? Conversation(string locale, out string error)
    {
        error = string.Empty;
        if (conversations.TryGetValue(locale, out var existing))
        {
            return existing;
        }

        var root = LocalDefaults.FindRepositoryRoot(Environment.CurrentDirectory) ?? LocalDefaults.FindRepositoryRoot(AppContext.BaseDirectory);
        var path = root is null ? null : InteractionModel.PathFor(root, locale);
        if (path is null || !File.Exists(path))
        {
            error = $"No interaction model for {locale} (skill-package/ is found from the repository, VoicePay.sln).";
            return null;
        }

        var simulator = new ConversationSimulator(InteractionModel.Load(path), new InProcessSkill(pipeline), new SimulatorOptions
        {
            Locale = locale,
            UserId = LocalDefaults.DemoUserId,
            AccessToken = TokenFor(locale),
            SkillId = configuration["VoicePay:SkillId"] ?? LocalDefaults.SkillId,
            DeviceId = "amzn1.ask.device.WEBSIMULATOR",
        });
        conversations[locale] = simulator;
        return simulator;
    }

    private static string Locale(string? locale) => locale is "en-GB" ? "en-GB" : "en-US";

    private static string TokenFor(string locale) => locale == "en-GB" ? SandboxSeed.GbpToken : SandboxSeed.AliceToken;

    public void Dispose() => gate.Dispose();

    private sealed class InProcessSkill(SkillPipeline pipeline) : ISkillEndpoint
    {
        public string Name => "this host";

        public async Task<byte[]> SendAsync(byte[] requestJson, CancellationToken cancellationToken)
        {
            try
            {
                return await pipeline.RespondAsync(AlexaJson.ParseRequest(requestJson), cancellationToken);
            }
            catch (SkillRequestRejectedException ex)
            {
                throw new SkillEndpointException($"Rejected: {ex.Message}", ex);
            }
        }
    }
}

public sealed record SayBody(string? Text, string? Locale);

public sealed record ExchangeBody(string Request, string Response);

public sealed record TurnBody(
    string Utterance,
    string Heard,
    string Speech,
    string Ssml,
    string? Reprompt,
    string? Card,
    IReadOnlyList<string> Directives,
    IReadOnlyList<string> Notes,
    bool SessionEnded,
    string? SessionId,
    string? Dialog,
    string? Attributes,
    IReadOnlyList<ExchangeBody> Exchanges);

public sealed record AccountLine(string Type, string Nickname, string LastFour, string Available, string Currency);

public sealed record TransactionLine(DateTimeOffset PostedAt, string AccountId, string Description, string Amount, string Currency);

public sealed record BankBody(IReadOnlyList<AccountLine> Accounts, IReadOnlyList<TransactionLine> Transactions);

[JsonSerializable(typeof(SayBody))]
[JsonSerializable(typeof(TurnBody))]
[JsonSerializable(typeof(BankBody))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class SimulatorJsonContext : JsonSerializerContext;
