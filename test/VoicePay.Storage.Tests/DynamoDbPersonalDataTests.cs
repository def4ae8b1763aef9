using System.Globalization;
using System.Text;
using Amazon.DynamoDBv2.Model;
using VoicePay.Skill.State;
using VoicePay.Storage.DynamoDb;
using VoicePay.Testing;

namespace VoicePay.Storage.Tests;

[Collection(DynaliteCollection.Name)]
public sealed class DynamoDbPersonalDataTests(DynaliteFixture dynalite) : PersonalDataContract<DynamoDbUserStateStore>
{

    // A table per test, so a scan sees only what this test wrote.
    private readonly DynaliteTable _table = new(dynalite);

    protected override string JournalContainer => "USER#/XFER";

    protected override string TombstoneContainer => "FORGOTTEN";

    public override Task InitializeAsync() => _table.CreateAsync();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _table.DisposeClients();
    }

    [Fact]
    public async Task The_tombstone_holds_the_user_id_a_date_and_its_expiry_only()
    {
        var user = NewId("amzn1.ask.account.");
        var store = CreateStore();
        var at = Time.GetUtcNow();
        await store.BeginAsync(
            new JournalEntry(user, "k", "p", "Alice", "a", "Checking", "1234", 1m, "USD", new DateOnly(2026, 11, 25), JournalState.Pending, at, at),
            CancellationToken.None);

        await store.ForgetAsync(user, at, CancellationToken.None);

        var item = (await ScanItemsAsync()).Single(i => i["pk"].S == "FORGOTTEN");
        Assert.Equal(["expiresAt", "forgottenAt", "pk", "sk"], item.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("USER#" + user, item["sk"].S);
        Assert.Equal(at.AddDays(90).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), item["expiresAt"].N);
    }

    protected override DynamoDbUserStateStore CreateStore() => new(_table.NewClient(), _table.Options, Time);

    protected override async Task<IReadOnlyList<FoundRecord>> ScanAsync(string text) =>
        [.. (await ScanItemsAsync())
            .Select(item => new FoundRecord(Container(item), string.Join("|", item.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => a.Key + "=" + Text(a.Value)))))
            .Where(r => r.Content.Contains(text, StringComparison.Ordinal))];

    /// <summary>dynalite has no TTL, so what is checked is the <c>expiresAt</c> that DynamoDB's TTL acts on.</summary>
    protected override async Task AssertRetainedUntilAsync(DynamoDbUserStateStore store, string token, DateTimeOffset? expiresAt)
    {
        var items = (await ScanItemsAsync()).Where(i => i.Values.Any(v => Text(v).Contains(token, StringComparison.Ordinal))).ToList();
        Assert.NotEmpty(items);
        foreach (var item in items)
        {
            if (expiresAt is { } at)
            {
                Assert.Equal(at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), item[DynamoDbUserStateTable.TimeToLiveAttribute].N);
            }
            else
            {
                Assert.False(item.ContainsKey(DynamoDbUserStateTable.TimeToLiveAttribute), item["sk"].S + " must not expire");
            }
        }
    }

    /// <summary>
    /// Every attribute of every item as DynamoDB stores it (strings and numbers as UTF-8, binaries as their bytes).
    /// What DynamoDB's own disks and backups keep after a delete is AWS's (docs/privacy.md says how long).
    /// </summary>
    protected override async Task<int> CountBytesAsync(byte[] needle) =>
        (await ScanItemsAsync()).Sum(item => item.Values.Sum(value => Bytes(value).Sum(bytes => ByteScan.Count(bytes, needle))));

    private static IEnumerable<byte[]> Bytes(AttributeValue value)
    {
        if (value.S is { } s)
        {
            yield return Encoding.UTF8.GetBytes(s);
        }

        if (value.N is { } n)
        {
            yield return Encoding.UTF8.GetBytes(n);
        }

        if (value.B is { } b)
        {
            yield return b.ToArray();
        }

        foreach (var nested in (value.M?.Values.AsEnumerable() ?? []).Concat(value.L ?? []))
        {
            foreach (var bytes in Bytes(nested))
            {
                yield return bytes;
            }
        }

        foreach (var text in value.SS ?? [])
        {
            yield return Encoding.UTF8.GetBytes(text);
        }
    }

    private static string Container(Dictionary<string, AttributeValue> item)
    {
        var pk = item["pk"].S;
        return pk.StartsWith("USER#", StringComparison.Ordinal) ? "USER#/" + item["sk"].S.Split('#')[0] : pk.Split('#')[0];
    }

    /// <summary>Every value inside an attribute, nested maps and lists included, as text.</summary>
    private static string Text(AttributeValue value) =>
        value.S ?? value.N ?? (value.B is { } b ? Encoding.UTF8.GetString(b.ToArray()) : null)
        ?? (value.M is { Count: > 0 } m ? string.Join(",", m.Select(kv => kv.Key + ":" + Text(kv.Value))) : null)
        ?? (value.L is { Count: > 0 } l ? string.Join(",", l.Select(Text)) : null)
        ?? (value.SS is { Count: > 0 } ss ? string.Join(",", ss) : null)
        ?? (value.BOOL is { } flag ? flag.ToString() : "");

    private async Task<List<Dictionary<string, AttributeValue>>> ScanItemsAsync()
    {
        var client = _table.NewClient();
        var items = new List<Dictionary<string, AttributeValue>>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var response = await client.ScanAsync(new ScanRequest { TableName = _table.Name, ExclusiveStartKey = start });
            items.AddRange(response.Items ?? []);
            start = response.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null);

        return items;
    }
}
