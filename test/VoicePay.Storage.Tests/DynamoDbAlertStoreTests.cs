using Amazon.DynamoDBv2;
using Microsoft.Extensions.DependencyInjection;
using VoicePay.Skill.Alerts;
using VoicePay.Skill.State;
using VoicePay.Storage.DynamoDb;
using VoicePay.Testing;

namespace VoicePay.Storage.Tests;

[Collection(DynaliteCollection.Name)]
public sealed class DynamoDbAlertStoreTests(DynaliteFixture dynalite) : AlertStoreContract
{
    private readonly List<AmazonDynamoDBClient> _clients = [];

    // A table per test: due alerts, counts and subscribers are read across everyone in it.
    private readonly DynamoDbStoreOptions _options = new() { TableName = "VoicePayUserState-" + Guid.NewGuid().ToString("N") };

    public override async Task InitializeAsync()
    {
        await DynamoDbUserStateTable.CreateTableAsync(NewClient(), _options.TableName, CancellationToken.None);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var client in _clients)
        {
            client.Dispose();
        }
    }

    [Fact]
    public async Task The_registration_provides_the_store_as_the_alert_store_and_the_personal_data()
    {
        await using var provider = new ServiceCollection()
            .AddDynamoDbUserStateStore(options =>
            {
                options.TableName = _options.TableName;
                options.ServiceUrl = dynalite.ServiceUrl;
            })
            .BuildServiceProvider();

        var store = provider.GetRequiredService<IUserStateStore>();
        Assert.Same(store, provider.GetRequiredService<IAlertStore>());
        Assert.Same(store, provider.GetRequiredService<IPersonalData>());
    }

    [Fact]
    public async Task The_table_has_the_sparse_index_for_subscribers_and_delivery_states()
    {
        var table = (await NewClient().DescribeTableAsync(_options.TableName)).Table;

        var index = Assert.Single(table.GlobalSecondaryIndexes);
        Assert.Equal("gsi1", index.IndexName);
        Assert.Equal([("gsi1pk", "HASH"), ("gsi1sk", "RANGE")], index.KeySchema.Select(k => (k.AttributeName, k.KeyType.Value)));
        Assert.Equal(ProjectionType.ALL, index.Projection.ProjectionType);
    }

    protected override IAlertStore CreateStore() => new DynamoDbUserStateStore(NewClient(), _options, Time);

    private AmazonDynamoDBClient NewClient()
    {
        var client = dynalite.CreateClient();
        _clients.Add(client);
        return client;
    }
}
