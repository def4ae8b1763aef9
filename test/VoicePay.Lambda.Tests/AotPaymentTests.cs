using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using VoicePay.Kms;
using VoicePay.Sandbox;
using VoicePay.Skill.Security;
using VoicePay.Skill.State;
using VoicePay.Storage.DynamoDb;
using VoicePay.Testing;
using VoicePay.Testing.Amazon;

namespace VoicePay.Lambda.Tests;

/// <summary>
/// The published bootstrap as deployed: user state in DynamoDB (dynalite here), a bank over HTTP
/// (the sandbox), events through the Runtime API. A whole payment proves the AOT build's JSON,
/// AWS SDK (DynamoDB, and KMS for the PIN: the loopback KMS fake), PIN key and resilience pipeline all work natively.
/// </summary>
public sealed partial class AotPaymentTests(DynaliteFixture dynalite) : IClassFixture<DynaliteFixture>
{
    private const string Table = "VoicePayAot";
    private const string UserId = "amzn1.ask.account.TESTUSER";
    private static readonly string Pepper = Convert.ToBase64String(new byte[32]);

    [AotBootstrapFact]
    public async Task The_published_bootstrap_sends_money_with_dynamodb_state_exactly_once()
    {
        using var client = dynalite.CreateClient();
        await DynamoDbUserStateTable.CreateTableAsync(client, Table, CancellationToken.None);
        var store = new DynamoDbUserStateStore(client, new DynamoDbStoreOptions { TableName = Table });
        await using var amazon = await FakeAmazonApis.StartAsync();
        var pinKey = new PinKeyOptions { Provider = PinKeyProvider.Kms, KmsKeyId = amazon.Kms.KeyId, KmsServiceUrl = amazon.BaseAddress, KmsTimeout = TimeSpan.FromSeconds(5) };
        using var kms = new KmsPinMac(pinKey);
        var protector = new PinProtector(kms, new PinHasher(new ConfiguredPinPepper(Options.Create(new PinOptions { Pepper = Pepper }))));
        Assert.True(VoicePin.TryParse("1234", out var pin));
        await store.SetPinAsync(PinHolder.Account(UserId), await protector.ProtectAsync(PinHolder.Account(UserId), pin, CancellationToken.None), CancellationToken.None);

        await using var bank = await SandboxBankServer.StartAsync();
        await using var emulator = await RuntimeApiEmulator.StartAsync();
        using var bootstrap = AotBootstrapTests.StartBootstrap(emulator.RuntimeApi, out var output, new Dictionary<string, string>
        {
            ["VoicePay__Storage__Provider"] = "DynamoDb",
            ["VoicePay__Storage__TableName"] = Table,
            ["VoicePay__Storage__ServiceUrl"] = dynalite.ServiceUrl,
            ["VoicePay__Payments__BaseUrl"] = bank.BaseAddress.AbsoluteUri,
            ["VoicePay__Pin__Pepper"] = Pepper,
            ["VoicePay__PinKey__Provider"] = "Kms",
            ["VoicePay__PinKey__KmsKeyId"] = amazon.Kms.KeyArn,
            ["VoicePay__PinKey__KmsServiceUrl"] = amazon.BaseAddress.AbsoluteUri,
            ["VoicePay__PinKey__KmsTimeout"] = "00:00:05",
        });
        try
        {
            Assert.Equal("Send $20.00 to Alice Smith from your checking account?", await SayAsync(emulator, "send-money.json", output));
            Assert.Equal("For your security, what's your four-digit voice PIN?", await SayAsync(emulator, "send-money-confirm.json", output));
            Assert.StartsWith("Done. I sent $20.00 to Alice Smith.", await SayAsync(emulator, "pin.json", output), StringComparison.Ordinal);
            // The same event again is a replay of its request id: the same answer, and nothing sent (issue 16, item 5).
            Assert.StartsWith("Done. I sent $20.00 to Alice Smith.", await SayAsync(emulator, "pin.json", output), StringComparison.Ordinal);

            Assert.Equal(1, bank.Ledger.Audit().TransferCount);

            // The PIN was checked by KMS (VerifyMac, signed by the AOT build's SDK), never compared in the function.
            Assert.Equal(1, amazon.Kms.CountOf(KmsFake.VerifyMacTarget));
            Assert.Empty(amazon.Violations);
        }
        finally
        {
            if (!bootstrap.HasExited)
            {
                bootstrap.Kill();
                await bootstrap.WaitForExitAsync();
            }
        }
    }

    private static async Task<string> SayAsync(RuntimeApiEmulator emulator, string eventFile, System.Text.StringBuilder output)
    {
        var body = await File.ReadAllBytesAsync(Path.Combine(RepositoryRoot.Find(), "events", eventFile));
        var answer = await emulator.Enqueue(body).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.False(answer.IsError, $"The bootstrap reported an error: {answer.Body}\n{output}");
        using var json = JsonDocument.Parse(answer.Body);
        return Tags().Replace(json.RootElement.GetProperty("response").GetProperty("outputSpeech").GetProperty("ssml").GetString()!, string.Empty);
    }

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}
