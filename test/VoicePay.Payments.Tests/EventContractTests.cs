using System.Text.Json;
using System.Text.RegularExpressions;
using VoicePay.Payments.Tests.Support;
using VoicePay.Sandbox.Api;

namespace VoicePay.Payments.Tests;

/// <summary>docs/payments-api.yaml and the sandbox's wire format (the event feed, transfers and their read by key) say the same thing.</summary>
public sealed partial class EventContractTests
{
    private static readonly string Spec = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "payments-api.yaml"));

    [Theory]
    [InlineData("Event")]
    [InlineData("EventPage")]
    public async Task The_feed_writes_exactly_the_properties_the_spec_lists(string schema)
    {
        await using var bank = await TestBank.StartAsync();
        using (var raised = await bank.RaiseAsync("""{"type":"suspected_fraud"}"""))
        {
            Assert.Equal(System.Net.HttpStatusCode.Created, raised.StatusCode);
        }

        using var response = await bank.GetAsync("v1/events", bank.ServiceKey);
        using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var written = schema == "Event" ? page.RootElement.GetProperty("events")[0] : page.RootElement;

        Assert.Equal(SchemaProperties(schema).Order(), written.EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public async Task A_transfer_read_by_its_key_writes_exactly_the_properties_the_spec_lists()
    {
        await using var bank = await TestBank.StartAsync();
        var key = TestBank.NewKey();
        Assert.True((await bank.Client().SendTransferAsync(TestBank.Alice, TestBank.Transfer(5m, key), CancellationToken.None)).IsSuccess);

        using var found = await bank.GetAsync("v1/transfers?idempotencyKey=" + Uri.EscapeDataString(key), TestBank.Alice);
        using var notFound = await bank.GetAsync("v1/transfers?idempotencyKey=never-used", TestBank.Alice);
        using var transfer = JsonDocument.Parse(await found.Content.ReadAsStringAsync());

        Assert.Equal(System.Net.HttpStatusCode.OK, found.StatusCode);
        Assert.Equal(SchemaProperties("Transfer").Order(), transfer.RootElement.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(System.Net.HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.Contains("\"transfer_not_found\"", await notFound.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_sandbox_reads_exactly_the_transfer_request_properties_the_spec_lists()
    {
        var read = typeof(TransferRequestBody).GetConstructors().Single().GetParameters()
            .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name!));

        Assert.Equal(SchemaProperties("TransferRequest").Order(), read.Order());
    }

    [Fact]
    public void The_spec_has_the_read_by_key_beside_the_create()
    {
        var transfers = Spec[Spec.IndexOf("  /v1/transfers:\n", StringComparison.Ordinal)..Spec.IndexOf("  /v1/transfers/{id}:\n", StringComparison.Ordinal)];

        Assert.Contains("    get:\n      operationId: findTransferByIdempotencyKey\n", transfers, StringComparison.Ordinal);
        Assert.Contains("name: idempotencyKey", transfers, StringComparison.Ordinal);
        Assert.Contains("    post:\n      operationId: createTransfer\n", transfers, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_transactions_list_writes_exactly_the_properties_the_spec_lists()
    {
        await using var bank = await TestBank.StartAsync();

        using var response = await bank.GetAsync("v1/transactions?limit=1", TestBank.Alice);
        using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(["nextCursor", "transactions"], page.RootElement.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(SchemaProperties("Transaction").Order(), page.RootElement.GetProperty("transactions")[0].EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public async Task The_sandbox_takes_every_transactions_filter_the_spec_lists_and_refuses_others()
    {
        await using var bank = await TestBank.StartAsync();
        var operation = Spec[Spec.IndexOf("  /v1/transactions:\n", StringComparison.Ordinal)..Spec.IndexOf("components:\n", StringComparison.Ordinal)];
        var names = Regex.Matches(operation, @"- name: (\w+)").Select(m => m.Groups[1].Value).ToList();
        var valid = new Dictionary<string, string>
        {
            ["limit"] = "5",
            ["from"] = "2026-01-01",
            ["to"] = "2026-12-31",
            ["q"] = "coffee",
            ["accountId"] = TestBank.AliceChecking,
            ["direction"] = "out",
        };

        Assert.Equal(["accountId", "cursor", "direction", "from", "limit", "q", "to"], names.Order(StringComparer.Ordinal));
        foreach (var name in names.Where(valid.ContainsKey))
        {
            using var taken = await bank.GetAsync($"v1/transactions?{name}={Uri.EscapeDataString(valid[name])}", TestBank.Alice);
            Assert.Equal(System.Net.HttpStatusCode.OK, taken.StatusCode);
        }

        using var unknown = await bank.GetAsync("v1/transactions?merchant=starbucks", TestBank.Alice);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    [Fact]
    public void Every_event_type_and_problem_code_is_in_the_spec()
    {
        var typeEnum = "enum: [" + string.Join(", ", EventTypes.All) + "]";
        Assert.Equal(2, Regex.Count(Spec, Regex.Escape(typeEnum)));

        var codes = typeof(ProblemCodes).GetFields().Select(f => (string)f.GetValue(null)!);
        Assert.All(codes, code => Assert.Contains("            - " + code + "\n", Spec, StringComparison.Ordinal));
    }

    private static List<string> SchemaProperties(string schema)
    {
        var lines = Spec.Split('\n');
        var start = Array.IndexOf(lines, "    " + schema + ":");
        Assert.True(start > 0, $"no schema {schema}");
        return lines.Skip(start + 1)
            .TakeWhile(line => !SchemaStart().IsMatch(line))
            .Select(line => PropertyLine().Match(line))
            .Where(match => match.Success)
            .Select(match => match.Groups[1].Value)
            .ToList();
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "VoicePay.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("VoicePay.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("^    [A-Za-z]+:$")]
    private static partial Regex SchemaStart();

    [GeneratedRegex("^        ([A-Za-z]+):")]
    private static partial Regex PropertyLine();
}
