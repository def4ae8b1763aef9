using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.DependencyInjection;
using VoicePay.Skill.State;
using VoicePay.Storage.DynamoDb;
using VoicePay.Testing;

namespace VoicePay.Storage.Tests;

[Collection(DynaliteCollection.Name)]
public sealed class DynamoDbTransferJournalTests(DynaliteFixture dynalite) : TransferJournalContract
{
    private readonly DynaliteTable _table = new(dynalite);

    public override Task InitializeAsync() => _table.CreateAsync();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _table.DisposeClients();
    }

    [Fact]
    public async Task The_registration_provides_the_store_as_the_journal()
    {
        await using var provider = new ServiceCollection()
            .AddDynamoDbUserStateStore(options =>
            {
                options.TableName = _table.Name;
                options.ServiceUrl = dynalite.ServiceUrl;
            })
            .BuildServiceProvider();

        Assert.Same(provider.GetRequiredService<IUserStateStore>(), provider.GetRequiredService<ITransferJournal>());
    }

    [Fact]
    public async Task A_transfer_is_an_item_under_the_persons_partition_without_expiry()
    {
        var at = new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);
        await CreateStore().BeginAsync(
            new JournalEntry("user", "key-1", "p", "Alice", "a", "Checking", "1234", 0.10m, "USD", new DateOnly(2026, 11, 25), JournalState.Pending, at, at),
            CancellationToken.None);

        var item = (await _table.NewClient().GetItemAsync(
            _table.Name,
            new Dictionary<string, AttributeValue> { ["pk"] = new() { S = "USER#user" }, ["sk"] = new() { S = "XFER#key-1" } })).Item;

        Assert.Equal("Pending", item["state"].S);
        Assert.Equal(0.10m, decimal.Parse(item["amount"].N, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(at.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture), item["createdAt"].N);
        Assert.False(item.ContainsKey(DynamoDbUserStateTable.TimeToLiveAttribute));
    }

    protected override ITransferJournal CreateStore() => new DynamoDbUserStateStore(_table.NewClient(), _table.Options);
}
