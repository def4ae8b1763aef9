using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using Microsoft.Extensions.Configuration;
using VoicePay.Composition.Options;
using VoicePay.Skill.Security;

namespace VoicePay.Function;

/// <summary>
/// Reads the PIN pepper from an SSM Parameter Store SecureString named by
/// <c>VoicePay:Pin:PepperParameterName</c>, once at start-up. The value never touches logs.
/// </summary>
public static class PepperParameter
{
    public static async Task<string?> LoadAsync(IConfiguration configuration, CancellationToken cancellationToken)
    {
        var name = VoicePayOptions.Section<PinOptions>().Read(configuration, validate: false).PepperParameterName;
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        using var ssm = new AmazonSimpleSystemsManagementClient();
        var response = await ssm.GetParameterAsync(new GetParameterRequest { Name = name, WithDecryption = true }, cancellationToken);
        return response.Parameter?.Value is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"SSM parameter {name} is empty.");
    }
}
