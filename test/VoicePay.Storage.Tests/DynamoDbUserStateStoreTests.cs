using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.DependencyInjection;
using VoicePay.Skill.Domain;
using VoicePay.Skill.State;
using VoicePay.Storage.DynamoDb;
using VoicePay.Testing;

namespace VoicePay.Storage.Tests;

[Collection(DynaliteCollection.Name)]
public sealed class DynamoDbUserStateStoreTests(DynaliteFixture dynalite) : UserStateStoreContract
{

    // A table per test: dynalite creates one in a few milliseconds, and no test sees another's items.
    private readonly DynaliteTable _table = new(dynalite);

    public override Task InitializeAsync() => _table.CreateAsync();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _table.DisposeClients();
    }

    [Fact]
    public async Task The_table_has_string_keys_pk_and_sk()
    {
        var table = (await _table.NewClient().DescribeTableAsync(_table.Name)).Table;

        Assert.Equal(TableStatus.ACTIVE, table.TableStatus);
        Assert.Equal(
            [("pk", "HASH"), ("sk", "RANGE")],
            table.KeySchema.Select(k => (k.AttributeName, k.KeyType.Value)));
        Assert.All(table.AttributeDefinitions, d => Assert.Equal(ScalarAttributeType.S, d.AttributeType));
    }

    [Fact]
    public async Task Creating_the_table_again_is_harmless()
    {
        await DynamoDbUserStateTable.CreateTableAsync(_table.NewClient(), _table.Name, CancellationToken.None);
    }

    [Fact]
    public async Task Amounts_are_stored_as_exact_decimal_numbers()
    {
        var store = CreateStore();
        var day = new DateOnly(2026, 11, 25);
        await store.TryReserveDailyAmountAsync("user", day, "t1", Money.Of(0.10m, "USD"), Money.Of(1m, "USD"), CancellationToken.None);
        await store.TryReserveDailyAmountAsync("user", day, "t2", Money.Of(0.20m, "USD"), Money.Of(1m, "USD"), CancellationToken.None);

        var item = (await _table.NewClient().GetItemAsync(
            _table.Name,
            new Dictionary<string, AttributeValue> { ["pk"] = new() { S = "USER#user" }, ["sk"] = new() { S = "DAY#2026-11-25" } })).Item;

        Assert.Equal(0.30m, decimal.Parse(item["total"].N, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0.10m, decimal.Parse(item["reservations"].M["t1"].N, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Conversations_carry_the_ttl_attribute_in_epoch_seconds()
    {
        var expiresAt = new DateTimeOffset(2026, 11, 25, 8, 10, 0, TimeSpan.Zero);
        await CreateStore().SaveConversationAsync("user", "session", "{}", expiresAt, CancellationToken.None);

        var item = (await _table.NewClient().GetItemAsync(
            _table.Name,
            new Dictionary<string, AttributeValue> { ["pk"] = new() { S = "USER#user" }, ["sk"] = new() { S = "CONV#session" } })).Item;

        Assert.Equal(expiresAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), item["expiresAt"].N);
    }

    [Fact]
    public async Task The_registration_provides_the_store_as_the_port()
    {
        var services = new ServiceCollection()
            .AddDynamoDbUserStateStore(options =>
            {
                options.TableName = _table.Name;
                options.ServiceUrl = dynalite.ServiceUrl;
            })
            .AddSingleton<TimeProvider>(Time);
        await using var provider = services.BuildServiceProvider();

        var store = provider.GetRequiredService<IUserStateStore>();
        await store.SaveConversationAsync("user", "session", "{}", Time.GetUtcNow().AddMinutes(1), CancellationToken.None);

        Assert.IsType<DynamoDbUserStateStore>(store);
        Assert.Equal("{}", await store.GetConversationAsync("user", "session", CancellationToken.None));
    }

    // The reservation race (issue 8): the caller's add fails because the day's item is missing; before it reads
    // the item to learn why, another caller creates the day and reserves. The first caller must not answer
    // "over the limit" while room is left, and must still refuse when none is.

    [Fact]
    public async Task A_caller_that_found_the_day_missing_is_granted_when_another_creates_it_between_its_steps()
    {
        var (first, second) = await InterleaveReservationsAsync(firstAmount: 10m, secondAmount: 10m);

        Assert.True(second);
        Assert.True(first);
        Assert.Equal(Money.Of(20m, "USD"), await CreateStore().GetDailyTotalAsync("user", RaceDay, "USD", CancellationToken.None));
    }

    [Fact]
    public async Task A_caller_that_found_the_day_missing_is_refused_when_another_fills_it_between_its_steps()
    {
        var (first, second) = await InterleaveReservationsAsync(firstAmount: 10m, secondAmount: 95m);

        Assert.True(second);
        Assert.False(first);
        Assert.Equal(Money.Of(95m, "USD"), await CreateStore().GetDailyTotalAsync("user", RaceDay, "USD", CancellationToken.None));
    }

    protected override IUserStateStore CreateStore() => new DynamoDbUserStateStore(_table.NewClient(), _table.Options, Time);

    private static readonly DateOnly RaceDay = new(2026, 11, 26);

    /// <summary>
    /// The first caller reserves on a day with no item yet and is held after its failed add, before its read;
    /// the second caller then reserves on another store instance (creating the day); then the first goes on.
    /// </summary>
    private async Task<(bool First, bool Second)> InterleaveReservationsAsync(decimal firstAmount, decimal secondAmount)
    {
        var limit = Money.Of(100m, "USD");
        using var pausing = new PausingHttpClientFactory();
        var client = new AmazonDynamoDBClient(
            new Amazon.Runtime.BasicAWSCredentials("test", "test"),
            new AmazonDynamoDBConfig { ServiceURL = dynalite.ServiceUrl, AuthenticationRegion = "us-east-1", HttpClientFactory = pausing });
        _table.Keep(client);
        var held = new DynamoDbUserStateStore(client, _table.Options, Time);

        var first = held.TryReserveDailyAmountAsync("user", RaceDay, "first", Money.Of(firstAmount, "USD"), limit, CancellationToken.None);
        // Either the caller is now held between its steps, or it finished without the step the race needs.
        Assert.Same(pausing.Paused, await Task.WhenAny(pausing.Paused, first));

        var second = await CreateStore().TryReserveDailyAmountAsync("user", RaceDay, "second", Money.Of(secondAmount, "USD"), limit, CancellationToken.None);
        pausing.Resume();
        return (await first, second);
    }
}
