using System.Globalization;
using Amazon.DynamoDBv2.Model;
using VoicePay.Storage.DynamoDb;
using VoicePay.Testing;

namespace VoicePay.Storage.Tests;

[Collection(DynaliteCollection.Name)]
public sealed class DynamoDbHandledRequestsTests(DynaliteFixture dynalite) : HandledRequestsContract<DynamoDbUserStateStore>
{
    private readonly DynaliteTable _table = new(dynalite);

    public override Task InitializeAsync() => _table.CreateAsync();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _table.DisposeClients();
    }

    [Fact]
    public async Task An_answer_is_an_item_in_the_persons_partition_with_a_ttl_rounded_up()
    {
        var now = Time.GetUtcNow();
        var expiresAt = now.AddSeconds(150.2);
        await CreateStore().TryClaimRequestAsync("user", "request", now, expiresAt, CancellationToken.None);
        await CreateStore().SaveResponseAsync("user", "request", [1, 2], expiresAt, CancellationToken.None);

        var item = (await _table.NewClient().GetItemAsync(_table.Name, new Dictionary<string, AttributeValue>
        {
            ["pk"] = new() { S = "USER#user" },
            ["sk"] = new() { S = "REQ#request" },
        })).Item;

        Assert.Equal(["claimedAt", "expiresAt", "pk", "response", "sk"], item.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((now.ToUnixTimeSeconds() + 151).ToString(CultureInfo.InvariantCulture), item["expiresAt"].N);
        Assert.Equal([1, 2], item["response"].B.ToArray());
    }

    protected override DynamoDbUserStateStore CreateStore() => new(_table.NewClient(), _table.Options, Time);
}
