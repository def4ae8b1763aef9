using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoicePay.Composition.Options;
using VoicePay.Function;

namespace VoicePay.Lambda.Tests;

/// <summary>
/// The options the function reads at start are closed registrations (compiled ahead of time; bench/README.md says what
/// that saved), and behave as the library's own IOptions: every configure and post-configure, validation, one value.
/// </summary>
public sealed class ClosedOptionsTests
{
    [Fact]
    public void Every_options_type_the_function_builds_at_start_is_registered_closed()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["VoicePay:Storage:Provider"] = "DynamoDb",
            ["VoicePay:Storage:TableName"] = "VoicePayUserState",
        }).Build();
        var services = SkillFunction.CreateServices(configuration, new LambdaLogWriter(TextWriter.Null, LambdaLogFormat.Json, LambdaLogLevel.Information));

        var wanted = VoicePayOptions.All.Select(s => s.OptionsType).Append(typeof(LoggerFilterOptions)).Append(typeof(LoggerFactoryOptions));
        foreach (var type in wanted)
        {
            Assert.Contains(services, d => d.ServiceType == typeof(IOptions<>).MakeGenericType(type) && d.ImplementationFactory is not null);
            Assert.Contains(services, d => d.ServiceType == typeof(IOptionsFactory<>).MakeGenericType(type) && d.ImplementationFactory is not null);
        }
    }

    [Fact]
    public void Closed_options_configure_post_configure_validate_and_keep_one_value()
    {
        var services = new ServiceCollection();
        services.AddOptions<Sample>().Configure(o => o.Text += "configured").Validate(o => o.Text.Length > 0, "empty");
        services.PostConfigure<Sample>(o => o.Text += "+post");
        services.AddClosedOptions<Sample>();
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<Sample>>();
        Assert.Equal("configured+post", options.Value.Text);
        Assert.Same(options.Value, provider.GetRequiredService<IOptions<Sample>>().Value);
        Assert.Equal("configured+post", provider.GetRequiredService<IOptionsMonitor<Sample>>().CurrentValue.Text);
    }

    [Fact]
    public void A_failed_validation_is_thrown_and_not_kept()
    {
        var attempts = 0;
        var services = new ServiceCollection();
        services.AddOptions<Sample>().Configure(o => o.Text = ++attempts == 1 ? "" : "second").Validate(o => o.Text.Length > 0, "Text is empty.");
        services.AddClosedOptions<Sample>();
        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<Sample>>();

        Assert.Contains("Text is empty.", Assert.Throws<OptionsValidationException>(() => options.Value).Failures);
        Assert.Equal("second", options.Value.Text);
    }

    private sealed class Sample
    {
        public string Text { get; set; } = "";
    }
}
