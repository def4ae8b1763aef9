using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VoicePay.Composition.Options;
using VoicePay.Function;
using VoicePay.Skill.Security;
using VoicePay.Testing.Amazon;

namespace VoicePay.Lambda.Tests;

/// <summary>
/// The PIN pepper comes from SSM when a PIN record of the older form is first checked, not at init (bench/README.md):
/// against a loopback SSM that checks the documented GetParameter shape.
/// </summary>
public sealed class SsmPinPepperTests : IAsyncLifetime
{
    private const string Name = "/voicepay/pin-pepper";
    private static readonly byte[] Secret = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private FakeAmazonApis fakes = null!;

    public async Task InitializeAsync()
    {
        fakes = await FakeAmazonApis.StartAsync();
        fakes.Ssm.SecureStrings[Name] = Convert.ToBase64String(Secret);
    }

    public async Task DisposeAsync() => await fakes.DisposeAsync();

    [Fact]
    public async Task The_pepper_is_read_once_with_decryption_and_kept()
    {
        using var pepper = new SsmPinPepper(Name, Client);

        Assert.Equal(Secret, await pepper.GetAsync(CancellationToken.None));
        Assert.Equal(Secret, await pepper.GetAsync(CancellationToken.None));

        var request = Assert.Single(fakes.Ssm.Requests);
        Assert.Contains("\"WithDecryption\":true", request.Body, StringComparison.Ordinal);
        Assert.Empty(fakes.Violations);
    }

    [Theory]
    [InlineData(500, null)]
    [InlineData(null, "not base64 and secret")]
    [InlineData(null, "c2hvcnQ=")]
    public async Task A_pepper_that_cannot_be_read_is_a_pin_that_cannot_be_checked_now_and_the_next_check_tries_again(int? status, string? stored)
    {
        if (status is { } failed)
        {
            fakes.Ssm.Enqueue(new FakeFault(failed));
        }
        else
        {
            fakes.Ssm.SecureStrings[Name] = stored!;
        }

        using var pepper = new SsmPinPepper(Name, Client);
        var error = await Assert.ThrowsAsync<PinMacUnavailableException>(() => pepper.GetAsync(CancellationToken.None).AsTask());
        Assert.DoesNotContain(stored ?? Convert.ToBase64String(Secret), error.Message, StringComparison.Ordinal);

        fakes.Ssm.SecureStrings[Name] = Convert.ToBase64String(Secret);
        Assert.Equal(Secret, await pepper.GetAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_function_with_the_pepper_in_SSM_starts_without_it_and_reads_it_from_there()
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["VoicePay:SkillId"] = "amzn1.ask.skill.test",
            ["VoicePay:Storage:Provider"] = "DynamoDb",
            ["VoicePay:Storage:ServiceUrl"] = "http://127.0.0.1:9",
            ["VoicePay:Pin:PepperParameterName"] = Name,
            ["VoicePay:PinKey:Provider"] = "Kms",
            ["VoicePay:PinKey:KmsKeyId"] = "alias/voicepay-pin",
            ["VoicePay:Payments:BaseUrl"] = "http://127.0.0.1:9/bank/",
        }).Build();
        var logs = new LambdaLogWriter(TextWriter.Null, LambdaLogFormat.Json, LambdaLogLevel.Information);
        await using var services = SkillFunction.CreateServices(settings, logs).BuildServiceProvider();

        // No pepper in configuration is fine when SSM names it; building the skill reads nothing.
        services.ValidateVoicePayOptions();
        _ = services.GetRequiredService<VoicePay.Skill.Pipeline.SkillPipeline>();
        Assert.IsType<SsmPinPepper>(services.GetRequiredService<IPinPepper>());
        Assert.Equal(0, fakes.Ssm.Count);
    }

    private AmazonSimpleSystemsManagementClient Client() =>
        new AmazonSimpleSystemsManagementClient(
            new BasicAWSCredentials("test", "test"),
            new AmazonSimpleSystemsManagementConfig { ServiceURL = fakes.BaseAddress.ToString(), AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });
}
