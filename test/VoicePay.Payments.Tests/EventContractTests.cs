using System.Text.Json;
using System.Text.RegularExpressions;
using VoicePay.Payments.Tests.Support;
using VoicePay.Sandbox.Api;

namespace VoicePay.Payments.Tests;

/// <summary>docs/payments-api.yaml and the sandbox's wire format of the event feed say the same thing.</summary>
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
