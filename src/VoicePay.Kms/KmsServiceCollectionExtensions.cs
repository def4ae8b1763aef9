using Microsoft.Extensions.DependencyInjection;
using VoicePay.Skill.Security;

namespace VoicePay.Kms;

public static class KmsServiceCollectionExtensions
{
    /// <summary>Registers <see cref="KmsPinMac"/> as the <see cref="IPinMac"/> singleton, with its own KMS client.</summary>
    public static IServiceCollection AddKmsPinMac(this IServiceCollection services, PinKeyOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton<IPinMac>(_ => new KmsPinMac(options));
        return services;
    }
}
