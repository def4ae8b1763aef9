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

    // A table per test: due alerts, counts and subscribers are read across everyone in it.
    private readonly DynaliteTable _table = new(dynalite);

    public override Task InitializeAsync() => _table.CreateAsync();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _table.DisposeClients();
    }

    [Fact]
    public async Task The_registration_provides_the_store_as_the_alert_store_and_the_personal_data()
    {
        await using var provider = new ServiceCollection()
            .AddDynamoDbUserStateStore(options =>
            {
                options.TableName = _table.Name;
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
        var table = (await _table.NewClient().DescribeTableAsync(_table.Name)).Table;

        var index = Assert.Single(table.GlobalSecondaryIndexes);
        Assert.Equal("gsi1", index.IndexName);
        Assert.Equal([("gsi1pk", "HASH"), ("gsi1sk", "RANGE")], index.KeySchema.Select(k => (k.AttributeName, k.KeyType.Value)));
        Assert.Equal(ProjectionType.ALL, index.Projection.ProjectionType);
    }

    protected override IAlertStore CreateStore() => new DynamoDbUserStateStore(_table.NewClient(), _table.Options, Time);
}
