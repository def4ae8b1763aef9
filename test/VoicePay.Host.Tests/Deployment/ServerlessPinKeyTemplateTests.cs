using System.Text.Json;

namespace VoicePay.Host.Tests.Deployment;

/// <summary>
/// The voice PIN's key in KMS (docs/security.md): an HMAC_256 key for GENERATE_VERIFY_MAC, kept if the stack goes, named
/// to the skill's function by configuration, which may only GenerateMac and VerifyMac with it; the alert job may not.
/// </summary>
public sealed partial class ServerlessTemplateTests
{
    private const string PinKeyResource = "PinKey";

    [Fact]
    public void The_pin_key_is_a_kms_hmac_key_for_macs_only_and_outlives_the_stack()
    {
        var key = TemplateResources.GetProperty(PinKeyResource);
        var properties = key.GetProperty("Properties");

        Assert.Equal("AWS::KMS::Key", key.GetProperty("Type").GetString());
        Assert.Equal("HMAC_256", properties.GetProperty("KeySpec").GetString());
        Assert.Equal("GENERATE_VERIFY_MAC", properties.GetProperty("KeyUsage").GetString());
        // Without the key no enrolled PIN can be verified again: it is never deleted with the stack.
        Assert.Equal("Retain", key.GetProperty("DeletionPolicy").GetString());
        Assert.Equal("Retain", key.GetProperty("UpdateReplacePolicy").GetString());
    }

    [Fact]
    public void The_skill_function_macs_with_the_pin_key_named_in_its_configuration()
    {
        var variables = Function.GetProperty("Environment").GetProperty("Variables");

        Assert.Equal("Kms", variables.GetProperty("VoicePay__PinKey__Provider").GetString());
        Assert.Equal([PinKeyResource, "Arn"], variables.GetProperty("VoicePay__PinKey__KmsKeyId").GetProperty("Fn::GetAtt").EnumerateArray().Select(p => p.GetString()));
        Assert.False(variables.TryGetProperty("VoicePay__PinKey__LocalKey", out _), "the function's PIN key is in KMS, never in its environment");
        Assert.Equal(["kms:GenerateMac", "kms:VerifyMac"], MacActions(Function).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_alert_job_may_not_use_the_pin_key()
    {
        Assert.Empty(MacActions(AlertsFunction));
        var statements = AlertsFunction.GetProperty("Policies").EnumerateArray().SelectMany(p => p.GetProperty("Statement").EnumerateArray());
        Assert.DoesNotContain(statements, s => s.GetRawText().Contains(PinKeyResource, StringComparison.Ordinal));
    }

    /// <summary>Every kms:*Mac action a function's policies allow, on the PIN key or anything else.</summary>
    private static List<string> MacActions(JsonElement function) =>
        [.. function.GetProperty("Policies").EnumerateArray()
            .SelectMany(p => p.GetProperty("Statement").EnumerateArray())
            .SelectMany(Unconditional)
            .SelectMany(s => AsList(s.GetProperty("Action")))
            .Select(a => a.GetString()!)
            .Where(a => a.StartsWith("kms:", StringComparison.Ordinal) && a.EndsWith("Mac", StringComparison.Ordinal))];
}
