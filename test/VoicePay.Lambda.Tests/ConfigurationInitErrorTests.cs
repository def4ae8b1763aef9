using Microsoft.Extensions.Configuration;
using VoicePay.Function;

namespace VoicePay.Lambda.Tests;

/// <summary>
/// A bad setting stops the function at init, through the Runtime API's <c>/runtime/init/error</c>, with a message
/// naming the key (as Lambda shows it in the console and the logs), and no event is ever fetched.
/// </summary>
[Collection(nameof(RuntimeLoop))]
public sealed class ConfigurationInitErrorTests
{
    private const string SecretPepper = "not-base64-and-secret";

    [Theory]
    [InlineData("VoicePay:Limits:PerTransfer", "5000")]
    [InlineData("VoicePay:Limits:Daily", "0")]
    [InlineData("VoicePay:Pin:MaxAttempts", "three")]
    [InlineData("VoicePay:Pin:MaxAttempts", "0")]
    [InlineData("VoicePay:Pin:VerifiedFor", "02:00:00")]
    [InlineData("VoicePay:Pin:Pepper", SecretPepper)]
    [InlineData("VoicePay:PinKey:Provider", "Vault")]
    [InlineData("VoicePay:PinKey:KmsKeyId", "")]
    [InlineData("VoicePay:PinKey:KmsTimeout", "00:00:30")]
    [InlineData("VoicePay:Payments:AttemptTimeout", "00:00:30")]
    [InlineData("VoicePay:Payments:BaseUrl", "")]
    [InlineData("VoicePay:SkillId", "")]
    [InlineData("VoicePay:Storage:Provider", "Postgres")]
    public async Task A_bad_value_is_an_init_error_naming_its_key(string key, string value)
    {
        await using var emulator = await RuntimeApiEmulator.StartAsync();
        var output = new StringWriter();
        var logs = LambdaLogWriter.FromEnvironment(RunningBootstrap.Environment(emulator), TextWriter.Synchronized(output));
        await using var function = new SkillFunction(logs, Settings(key, value));
        await using var loop = RunningBootstrap.Start(FunctionBootstrap.Create(function, logs), emulator, output: output);

        var error = await emulator.InitError.WaitAsync(RunningBootstrap.Patience);
        await Assert.ThrowsAnyAsync<Exception>(() => loop.Run.WaitAsync(RunningBootstrap.Patience));

        Assert.Equal("VoicePayConfigurationException", error.ErrorType);
        Assert.Contains(key, error.ErrorMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(SecretPepper, error.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(SecretPepper, output.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, emulator.NextRequests);
    }

    [Fact]
    public async Task The_same_settings_without_the_bad_value_initialize()
    {
        var logs = new LambdaLogWriter(TextWriter.Null, LambdaLogFormat.Json, LambdaLogLevel.Information);
        await using var function = new SkillFunction(logs, Settings("VoicePay:Limits:PerTransfer", "500"));

        await function.InitializeAsync(CancellationToken.None);
    }

    /// <summary>A valid function configuration (DynamoDB, nothing listening: init touches neither store nor bank), with one key changed.</summary>
    private static IConfiguration Settings(string key, string value)
    {
        var settings = new Dictionary<string, string?>
        {
            ["VoicePay:SkillId"] = InProcessFunction.SkillId,
            ["VoicePay:Storage:Provider"] = "DynamoDb",
            ["VoicePay:Storage:ServiceUrl"] = "http://127.0.0.1:9",
            ["VoicePay:Pin:Pepper"] = InProcessFunction.Pepper,
            ["VoicePay:PinKey:Provider"] = "Kms",
            ["VoicePay:PinKey:KmsKeyId"] = "alias/voicepay-pin",
            ["VoicePay:Payments:BaseUrl"] = "http://127.0.0.1:9/bank/",
        };
        settings[key] = value;
        return new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    }
}
