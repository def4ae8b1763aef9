using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VoicePay.Composition;
using VoicePay.Function;
using VoicePay.Sandbox;
using VoicePay.Sandbox.Ledger;
using VoicePay.Skill.Security;
using VoicePay.Skill.State;

namespace VoicePay.Lambda.Tests;

/// <summary>
/// The function as Program.cs wires it (FunctionBootstrap, SkillFunction, one log writer) running in this process
/// against the Runtime API emulator, on SQLite in a temporary folder and the sandbox bank over loopback.
/// </summary>
internal sealed class InProcessFunction : IAsyncDisposable
{
    public const string SkillId = "amzn1.ask.skill.00000000-0000-0000-0000-000000000000";
    public const string UserId = "amzn1.ask.account.TESTUSER";
    public const string Pepper = "c2VjcmV0LXBlcHBlci1mb3ItZnVuY3Rpb24tdGVzdHM=";

    /// <summary>A local PIN key: these tests run the function in-process on SQLite (AotPaymentTests runs it on KMS).</summary>
    public const string PinKey = "c2VjcmV0LXBpbi1rZXktZm9yLWZ1bmN0aW9uLXRlc3RzLS0tLS0tLQ==";

    private readonly string _folder;
    private readonly SandboxBankServer _bank;
    private readonly SkillFunction _function;
    private readonly RunningBootstrap _loop;

    private InProcessFunction(string folder, SandboxBankServer bank, RuntimeApiEmulator emulator, SkillFunction function, RunningBootstrap loop, StringWriter output)
    {
        _folder = folder;
        _bank = bank;
        Emulator = emulator;
        _function = function;
        _loop = loop;
        Output = output;
    }

    public RuntimeApiEmulator Emulator { get; }

    /// <summary>Everything the function and the runtime wrote to "stdout".</summary>
    public StringWriter Output { get; }

    public SandboxLedger Ledger => _bank.Ledger;

    /// <param name="variables">AWS_LAMBDA_LOG_FORMAT, AWS_LAMBDA_LOG_LEVEL and the like.</param>
    /// <param name="pin">A voice PIN to enrol for <see cref="UserId"/> first.</param>
    public static async Task<InProcessFunction> StartAsync(IReadOnlyDictionary<string, string>? variables = null, string? pin = null)
    {
        var folder = Directory.CreateTempSubdirectory("voicepay-function-tests-").FullName;
        var bank = await SandboxBankServer.StartAsync();
        var emulator = await RuntimeApiEmulator.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["VoicePay:SkillId"] = SkillId,
            ["VoicePay:Storage:Provider"] = "Sqlite",
            ["VoicePay:Storage:SqlitePath"] = Path.Combine(folder, "voicepay.db"),
            ["VoicePay:Pin:Pepper"] = Pepper,
            ["VoicePay:PinKey:LocalKey"] = PinKey,
            ["VoicePay:Payments:BaseUrl"] = bank.BaseAddress.AbsoluteUri,
        }).Build();
        if (pin is not null)
        {
            await using var services = new ServiceCollection().AddLogging().AddVoicePay(configuration).BuildServiceProvider();
            Assert.True(VoicePin.TryParse(pin, out var voicePin));
            await services.GetRequiredService<VoicePinVerifier>().EnrollAsync(PinHolder.Account(UserId), voicePin, CancellationToken.None);
        }

        var output = new StringWriter();
        var logs = LambdaLogWriter.FromEnvironment(RunningBootstrap.Environment(emulator, variables), TextWriter.Synchronized(output));
        var function = new SkillFunction(logs, configuration);
        var loop = RunningBootstrap.Start(FunctionBootstrap.Create(function, logs), emulator, variables: variables, output: output);
        return new InProcessFunction(folder, bank, emulator, function, loop, output);
    }

    public Task<InvocationOutcome> InvokeAsync(byte[] body, string? requestId = null, string? traceId = null) =>
        Emulator.Enqueue(body, traceId: traceId, requestId: requestId).WaitAsync(RunningBootstrap.Patience);

    /// <summary>A sample event as a new request: a fresh Alexa request id, since a repeated id is a replay (answered once).</summary>
    public static byte[] Event(string name)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "events", name)))!;
        json["request"]!["requestId"] = "amzn1.echo-api.request." + Guid.NewGuid();
        return System.Text.Encoding.UTF8.GetBytes(json.ToJsonString());
    }

    public async ValueTask DisposeAsync()
    {
        await _loop.DisposeAsync();
        await _function.DisposeAsync();
        await Emulator.DisposeAsync();
        await _bank.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Still open somewhere; the OS cleans temp eventually.
        }
    }
}
