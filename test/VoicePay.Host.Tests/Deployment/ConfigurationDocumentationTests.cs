using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using VoicePay.Composition.Options;

namespace VoicePay.Host.Tests.Deployment;

/// <summary>
/// docs/configuration.md against the options classes: every settable property of every section is a documented key,
/// and every documented key is one (apart from the few that are not options).
/// </summary>
public sealed partial class ConfigurationDocumentationTests
{
    /// <summary>Read by ASP.NET Core, Lambda, the logging stack or the OpenTelemetry SDK, not bound to a VoicePay options class.</summary>
    private static readonly string[] NotOptions = ["urls", "AWS_LAMBDA_LOG_FORMAT", "AWS_LAMBDA_LOG_LEVEL", "OTEL_EXPORTER_OTLP_ENDPOINT"];

    /// <summary>What every host registers; where the alert job runs, <see cref="VoicePayOptions.AlertJob"/> too.</summary>
    private static IEnumerable<OptionsSection> Registered => VoicePayOptions.All.Concat(HostOptions.All);

    private static IEnumerable<OptionsSection> Sections => Registered.Concat(VoicePayOptions.AlertJob);

    [Fact]
    public void Every_option_is_documented()
    {
        var documented = DocumentedKeys();

        Assert.All(OptionKeys(), key => Assert.True(documented.Contains(key), $"{key} is an option but not in docs/configuration.md"));
    }

    [Fact]
    public void Every_documented_key_is_an_option()
    {
        var options = OptionKeys().ToHashSet(StringComparer.Ordinal);
        var documented = DocumentedKeys().Where(key => !NotOptions.Contains(key) && !key.StartsWith("Logging:", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(documented);
        Assert.All(documented, key => Assert.True(options.Contains(key), $"{key} is documented but no options class has it"));
    }

    /// <summary>The lists are what the entry points register: a section added any other way would escape these tests.</summary>
    [Fact]
    public void The_host_registers_exactly_the_listed_sections()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["VoicePay:Payments:BaseUrl"] = "http://127.0.0.1:9/" });
        builder.AddVoicePayHost();

        var registered = builder.Services.Where(d => d.ServiceType == typeof(OptionsSection)).Select(d => (OptionsSection)d.ImplementationInstance!).ToList();

        Assert.Equal(Registered.Select(s => s.Path).Order(), registered.Select(s => s.Path).Order());
        Assert.Equal(registered.Count, registered.Select(s => s.OptionsType).Distinct().Count());
    }

    [Fact]
    public void A_host_that_runs_the_alert_job_registers_its_sections_too()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["VoicePay:Payments:BaseUrl"] = "http://127.0.0.1:9/",
            ["VoicePay:AlertDelivery:Enabled"] = "true",
        });
        builder.AddVoicePayHost();

        var registered = builder.Services.Where(d => d.ServiceType == typeof(OptionsSection)).Select(d => ((OptionsSection)d.ImplementationInstance!).Path).ToList();
        Assert.Equal(Sections.Select(s => s.Path).Order(), registered.Order());
    }

    private static IEnumerable<string> OptionKeys() =>
        Sections.SelectMany(section => section.OptionsType
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0)
            .Select(p => section.Path + ":" + p.Name));

    /// <summary>The first cell of each table row, when it is a backticked key (the logging table leads with where, then the key).</summary>
    private static HashSet<string> DocumentedKeys() =>
        [.. RepositoryFiles.ReadText("docs/configuration.md").Split('\n')
            .Select(line => Row().Match(line))
            .Where(match => match.Success)
            .Select(match => match.Groups["key"].Value)];

    [GeneratedRegex(@"^\|\s*(?:(?:Lambda|host)\s*\|\s*)?`(?<key>[A-Za-z_][A-Za-z0-9_]*(?::[A-Za-z0-9_*]+)*)`")]
    private static partial Regex Row();
}
