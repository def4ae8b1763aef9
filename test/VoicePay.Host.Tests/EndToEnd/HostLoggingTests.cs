using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace VoicePay.Host.Tests.EndToEnd;

/// <summary>The host's console logs are JSON lines everywhere but on a developer's machine.</summary>
public sealed class HostLoggingTests
{
    [Theory]
    [InlineData("Production", "json")]
    [InlineData("Staging", "json")]
    [InlineData("Development", "simple")]
    public void The_console_formatter_is_JSON_outside_Development(string environment, string expected)
    {
        Assert.Equal(expected, FormatterOf(environment));
    }

    [Fact]
    public void An_explicit_formatter_setting_wins()
    {
        Assert.Equal("systemd", FormatterOf("Production", ("Logging:Console:FormatterName", "systemd")));
    }

    [Fact]
    public void A_JSON_formatted_host_line_is_one_JSON_object_with_timestamp_level_and_message()
    {
        using var output = new StringWriter();
        using var app = Build("Production");
        var formatter = app.Services.GetServices<ConsoleFormatter>().Single(f => f.Name == ConsoleFormatterNames.Json);

        formatter.Write(
            new Microsoft.Extensions.Logging.Abstractions.LogEntry<string>(LogLevel.Warning, "VoicePay.Host.Alexa", new EventId(1), "Refused a request\nwith two lines", null, (s, _) => s),
            null,
            output);

        var line = Assert.Single(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var json = System.Text.Json.JsonDocument.Parse(line);
        Assert.Equal("Warning", json.RootElement.GetProperty("LogLevel").GetString());
        Assert.Equal("Refused a request\nwith two lines", json.RootElement.GetProperty("Message").GetString());
        Assert.EndsWith("Z", json.RootElement.GetProperty("Timestamp").GetString(), StringComparison.Ordinal);
    }

    private static string? FormatterOf(string environment, params (string Key, string Value)[] settings)
    {
        using var app = Build(environment, settings);
        return app.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName;
    }

    private static WebApplication Build(string environment, params (string Key, string Value)[] settings)
    {
        var folder = Path.Combine(Path.GetTempPath(), "voicepay-host-logging");
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = environment, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["VoicePay:SkillId"] = TestHost.SkillId,
            ["VoicePay:Alexa:VerifyRequests"] = "true",
            ["VoicePay:Sandbox:Enabled"] = "false",
            ["VoicePay:Payments:BaseUrl"] = "http://127.0.0.1:9/",
            ["VoicePay:Storage:SqlitePath"] = Path.Combine(folder, "voicepay.db"),
            ["VoicePay:Pin:Pepper"] = Convert.ToBase64String(new byte[32]),
            ["VoicePay:PinKey:LocalKey"] = Convert.ToBase64String(new byte[32]),
        });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        builder.AddVoicePayHost();
        return builder.Build();
    }
}
