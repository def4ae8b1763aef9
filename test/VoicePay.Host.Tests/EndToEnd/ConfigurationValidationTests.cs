using VoicePay.Composition.Options;

namespace VoicePay.Host.Tests.EndToEnd;

/// <summary>The host refuses to start on a bad setting, skill or host section alike, naming the key.</summary>
public sealed class ConfigurationValidationTests
{
    [Theory]
    [InlineData("VoicePay:Limits:PerTransfer", "2500")]
    [InlineData("VoicePay:Limits:Daily", "-1")]
    [InlineData("VoicePay:PinKey:KmsTimeout", "00:00:10")]
    [InlineData("VoicePay:Pin:MaxAttempts", "lots")]
    [InlineData("VoicePay:Payments:MaxRetries", "50")]
    [InlineData("VoicePay:Payments:CircuitBreakerBreakDuration", "00:00:00.1")]
    [InlineData("VoicePay:Storage:TableName", "x")]
    [InlineData("VoicePay:Telemetry:OtlpEndpoint", "ftp://collector.example/")]
    [InlineData("VoicePay:Alexa:VerifyRequests", "sometimes")]
    public async Task A_bad_value_stops_the_host_naming_its_key(string key, string value)
    {
        var thrown = await Assert.ThrowsAsync<VoicePayConfigurationException>(() =>
            TestHost.StartAsync(new HostSettings { VerifyRequests = false, Configuration = new Dictionary<string, string?> { [key] = value } }));

        Assert.Contains(key, thrown.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Environment.NewLine, thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_good_value_for_the_same_keys_starts()
    {
        await using var host = await TestHost.StartAsync(new HostSettings
        {
            VerifyRequests = false,
            Configuration = new Dictionary<string, string?> { ["VoicePay:Limits:PerTransfer"] = "1500", ["VoicePay:Limits:Daily"] = "1500", ["VoicePay:PinKey:KmsTimeout"] = "00:00:05" },
        });

        Assert.Equal("ok", await host.Client.GetStringAsync(new Uri("/health", UriKind.Relative)));
    }
}
