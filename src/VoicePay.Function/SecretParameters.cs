using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using Microsoft.Extensions.Configuration;
using VoicePay.Alexa.Apis.ProactiveEvents;
using VoicePay.Composition.Options;
using VoicePay.Payments;

namespace VoicePay.Function;

/// <summary>
/// Reads the alert job's secrets from SSM Parameter Store SecureStrings, once at init: the Login with Amazon client
/// secret (<c>VoicePay:Alerts:ClientSecretParameterName</c>) and the bank's service key
/// (<c>VoicePay:BankEvents:ServiceKeyParameterName</c>). Each value goes to the key it names; none touches logs.
/// The skill's one secret, the PIN pepper, is read only when a PIN needs it (<see cref="SsmPinPepper"/>).
/// </summary>
public static class SecretParameters
{
    /// <summary>The keys to set, each from the parameter named in configuration (unset names are skipped).</summary>
    public static IEnumerable<(string Key, string? ParameterName)> Named(IConfiguration configuration)
    {
        yield return (VoicePayOptions.Key<ProactiveEventsOptions>(nameof(ProactiveEventsOptions.ClientSecret), VoicePayOptions.AlertJob),
            VoicePayOptions.Section<ProactiveEventsOptions>(VoicePayOptions.AlertJob).Read(configuration, validate: false).ClientSecretParameterName);
        yield return (VoicePayOptions.Key<BankEventFeedOptions>(nameof(BankEventFeedOptions.ServiceKey), VoicePayOptions.AlertJob),
            VoicePayOptions.Section<BankEventFeedOptions>(VoicePayOptions.AlertJob).Read(configuration, validate: false).ServiceKeyParameterName);
    }

    public static async Task<IReadOnlyList<KeyValuePair<string, string?>>> LoadAsync(IConfiguration configuration, CancellationToken cancellationToken)
    {
        var wanted = Named(configuration).Where(n => !string.IsNullOrWhiteSpace(n.ParameterName)).ToList();
        if (wanted.Count == 0)
        {
            return [];
        }

        using var ssm = new AmazonSimpleSystemsManagementClient();
        var values = new List<KeyValuePair<string, string?>>();
        foreach (var (key, name) in wanted)
        {
            var response = await ssm.GetParameterAsync(new GetParameterRequest { Name = name, WithDecryption = true }, cancellationToken);
            values.Add(new(key, response.Parameter?.Value is { Length: > 0 } value
                ? value
                : throw new InvalidOperationException($"SSM parameter {name} (for {key}) is empty.")));
        }

        return values;
    }
}
