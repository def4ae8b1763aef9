using System.Globalization;
using BenchmarkDotNet.Attributes;

namespace VoicePay.Benchmarks;

/// <summary>
/// A whole payment, one operation: SendMoneyIntent (amount and payee collected from the bank, read
/// back) → "yes" → PinIntent, whose PIN check is PBKDF2-HMAC-SHA256 at the production 100,000
/// iterations (the cost this benchmark exists to show) → the transfer sent to the sandbox bank over
/// loopback. Each operation is a new Alexa session, so the PIN is verified every time.
/// One cent per payment and limits far above what any run sends keep thousands of operations on
/// the happy path without resetting state. The sandbox runs in this process, so its server-side
/// work counts in time and allocations.
/// </summary>
[MemoryDiagnoser]
public class SendMoneyTurnBenchmark
{
    private SkillHost host = null!;
    private byte[] sendMoney = null!;
    private byte[] confirm = null!;
    private byte[] pin = null!;
    private long session;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        sendMoney = SampleEvents.Edited("send-money.json", e => SampleEvents.SetSlot(e, "Amount", "0.01"));
        confirm = SampleEvents.Bytes("send-money-confirm.json");
        pin = SampleEvents.Bytes("pin.json");

        var started = await SkillHost.StartAsync(withBank: true, new Dictionary<string, string?>
        {
            ["VoicePay:Limits:PerTransfer"] = "1000",
            ["VoicePay:Limits:Daily"] = "1000000000",
        });
        host = await started.CheckedWith(async pipeline =>
        {
            (await AlexaTurn.RunAsync(pipeline, sendMoney, "bench-check")).Expect("Send $0.01 to Alice Smith");
            (await AlexaTurn.RunAsync(pipeline, confirm, "bench-check")).Expect("voice PIN");
            (await AlexaTurn.RunAsync(pipeline, pin, "bench-check")).Expect("Done. I sent $0.01 to Alice Smith.");
        });
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await host.DisposeAsync();

    [Benchmark]
    public async Task<byte[]> SendMoney()
    {
        var sessionId = "amzn1.echo-api.session.bench-" + (++session).ToString(CultureInfo.InvariantCulture);
        await AlexaTurn.RunAsync(host.Pipeline, sendMoney, sessionId);
        await AlexaTurn.RunAsync(host.Pipeline, confirm, sessionId);
        return (await AlexaTurn.RunAsync(host.Pipeline, pin, sessionId)).Json;
    }
}
