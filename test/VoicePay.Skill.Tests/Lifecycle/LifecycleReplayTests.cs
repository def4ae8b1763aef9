using Microsoft.Extensions.DependencyInjection;
using VoicePay.Sandbox.Seed;
using VoicePay.Skill.Alerts;
using VoicePay.Skill.Banking;
using VoicePay.Skill.Domain;
using VoicePay.Skill.Security;
using VoicePay.Skill.State;
using VoicePay.Skill.Tests.Conversation;
using VoicePay.Storage.DynamoDb;
using VoicePay.Testing;

namespace VoicePay.Skill.Tests.Lifecycle;

/// <summary>
/// Issue 17, item 2: a lifecycle event delivered again inside the timestamp window has no effect, on both stores. The
/// events go through the same replay guard as every request (<c>RequestReplay</c>).
/// </summary>
public sealed class LifecycleReplayTests(DynaliteFixture dynalite) : IClassFixture<DynaliteFixture>
{
    public static TheoryData<string> Stores => [StorageNames.Sqlite, StorageNames.DynamoDb];

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Item17_2_AReplayedSkillDisabledAfterReenrolmentDeletesNothing(string storage)
    {
        await using var harness = await StartAsync(storage);
        var alerts = harness.Services.GetRequiredService<IAlertStore>();
        var disabled = SkillEvents.Disabled();
        var first = await harness.Pipeline.RespondAsync(disabled, CancellationToken.None);
        Assert.Null(await harness.Services.GetRequiredService<IUserStateStore>().GetPinAsync(PinHolder.Account(Envelopes.UserId), CancellationToken.None));

        // The person comes back: a new PIN, a link, an alert.
        Assert.True(VoicePin.TryParse("8642", out var pin));
        await harness.Services.GetRequiredService<VoicePinVerifier>().EnrollAsync(PinHolder.Account(Envelopes.UserId), pin, CancellationToken.None);
        await harness.Pipeline.RespondAsync(SkillEvents.AccountLinked(SandboxSeed.AliceToken), CancellationToken.None);
        await alerts.AddAsync(new UserAlert(Envelopes.UserId, "evt-1", BankEventKind.LargeDebit, new Money(42.17m, "USD"), "Acme Motors", "4821", harness.Time.GetUtcNow()), CancellationToken.None);

        harness.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(first, await harness.Pipeline.RespondAsync(disabled, CancellationToken.None));

        Assert.NotNull(await harness.Services.GetRequiredService<IUserStateStore>().GetPinAsync(PinHolder.Account(Envelopes.UserId), CancellationToken.None));
        Assert.Equal(SkillHarness.AliceCustomer, (await alerts.GetLinkAsync(Envelopes.UserId, CancellationToken.None))?.CustomerId);
        Assert.Single(await alerts.UnheardAsync(Envelopes.UserId, CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Item17_2_AReplayedSkillAccountLinkedDoesNotSwitchTheLinkBack(string storage)
    {
        await using var harness = await StartAsync(storage);
        var alerts = harness.Services.GetRequiredService<IAlertStore>();
        var alice = SkillEvents.AccountLinked(SandboxSeed.AliceToken);
        var first = await harness.Pipeline.RespondAsync(alice, CancellationToken.None);
        await harness.Pipeline.RespondAsync(SkillEvents.AccountLinked(SandboxSeed.BobToken), CancellationToken.None);
        var bob = (await alerts.GetLinkAsync(Envelopes.UserId, CancellationToken.None))?.CustomerId;
        Assert.NotEqual(SkillHarness.AliceCustomer, bob);

        harness.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(first, await harness.Pipeline.RespondAsync(alice, CancellationToken.None));

        Assert.Equal(bob, (await alerts.GetLinkAsync(Envelopes.UserId, CancellationToken.None))?.CustomerId);
    }

    private async Task<SkillHarness> StartAsync(string storage)
    {
        if (storage == StorageNames.Sqlite)
        {
            return await SkillHarness.StartAsync();
        }

        var table = "VoicePayReplay-" + Guid.NewGuid().ToString("N");
        using (var client = dynalite.CreateClient())
        {
            await DynamoDbUserStateTable.CreateTableAsync(client, table, CancellationToken.None);
        }

        return await SkillHarness.StartAsync(new Dictionary<string, string?>
        {
            ["VoicePay:Storage:Provider"] = "DynamoDb",
            ["VoicePay:Storage:TableName"] = table,
            ["VoicePay:Storage:ServiceUrl"] = dynalite.ServiceUrl,
        });
    }

    private static class StorageNames
    {
        public const string Sqlite = "sqlite";
        public const string DynamoDb = "dynamodb";
    }
}
