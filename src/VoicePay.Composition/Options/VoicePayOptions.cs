using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VoicePay.Alexa.Apis.ProactiveEvents;
using VoicePay.Payments;
using VoicePay.Skill.Alerts;
using VoicePay.Skill.Pipeline;
using VoicePay.Skill.Progress;
using VoicePay.Skill.Security;
using VoicePay.Skill.Transfers;

namespace VoicePay.Composition.Options;

/// <summary>
/// Every configuration section the skill and its adapters read, one options class each, with the defaults in the
/// class. Adding a section is one line in <see cref="All"/>: it is then bound (source-generated, AOT-safe),
/// validated at start by the Lambda, the host and the CLI, and held against docs/configuration.md by a test.
/// </summary>
public static class VoicePayOptions
{
    public const string Root = "VoicePay";

    public static IReadOnlyList<OptionsSection> All { get; } =
    [
        new OptionsSection<SkillOptions>(Root, static (s, o) => s.Bind(o), new SkillOptionsValidator()),
        new OptionsSection<PinOptions>("VoicePay:Pin", static (s, o) => s.Bind(o), new PinOptionsValidator(), new PinRulesValidator()),
        new OptionsSection<PinKeyOptions>(PinKeyOptions.SectionName, static (s, o) => s.Bind(o), new PinKeyOptionsValidator(), new PinKeyRulesValidator()),
        new OptionsSection<TransferLimits>("VoicePay:Limits", static (s, o) => s.Bind(o), new TransferLimitsValidator()),
        new OptionsSection<TransferTiming>("VoicePay:Transfers", static (s, o) => s.Bind(o), new TransferTimingValidator()),
        new OptionsSection<StorageOptions>("VoicePay:Storage", static (s, o) => s.Bind(o), new StorageOptionsValidator(), new StorageRulesValidator()),
        new OptionsSection<PaymentsClientOptions>("VoicePay:Payments", static (s, o) => s.Bind(o), new PaymentsClientOptionsValidator(), new PaymentsClientRulesValidator()),
        new OptionsSection<ReplayOptions>(ReplayOptions.SectionName, static (s, o) => s.Bind(o), new ReplayOptionsValidator()),
        new OptionsSection<ProgressiveResponseOptions>(ProgressiveResponseOptions.SectionName, static (s, o) => s.Bind(o), new ProgressiveResponseOptionsValidator()),
        new OptionsSection<AlertDeliveryOptions>(AlertDeliveryOptions.SectionName, static (s, o) => s.Bind(o), new AlertDeliveryOptionsValidator()),
    ];

    /// <summary>
    /// The alert job's sections (the bank's event feed, Alexa notifications): registered and checked only where the
    /// job runs (<see cref="AlertDeliveryOptions.Enabled"/>), since both need secrets the skill's turns never use.
    /// </summary>
    public static IReadOnlyList<OptionsSection> AlertJob { get; } =
    [
        new OptionsSection<BankEventFeedOptions>(BankEventFeedOptions.SectionName, static (s, o) => s.Bind(o), new BankEventFeedOptionsValidator()),
        new OptionsSection<ProactiveEventsOptions>(ProactiveEventsOptions.SectionName, static (s, o) => s.Bind(o), new ProactiveEventsOptionsValidator()),
    ];

    /// <summary>The section holding <typeparamref name="T"/> in <paramref name="sections"/> (default <see cref="All"/>).</summary>
    public static OptionsSection<T> Section<T>(IEnumerable<OptionsSection>? sections = null)
        where T : class, new() =>
        (sections ?? All).OfType<OptionsSection<T>>().SingleOrDefault()
        ?? throw new InvalidOperationException($"{typeof(T).Name} is not a VoicePay options section.");

    /// <summary>The key of <paramref name="property"/> of <typeparamref name="T"/>, e.g. <c>VoicePay:Pin:Pepper</c>.</summary>
    public static string Key<T>(string property, IEnumerable<OptionsSection>? sections = null)
        where T : class, new() => Section<T>(sections).Path + ":" + property;

    /// <summary>Registers every section of <paramref name="sections"/> (default <see cref="All"/>) the same way.</summary>
    public static IServiceCollection AddVoicePayOptions(this IServiceCollection services, IConfiguration configuration, IEnumerable<OptionsSection>? sections = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        foreach (var section in sections ?? All)
        {
            section.Register(services, configuration);
        }

        return services;
    }

    /// <summary>
    /// Binds and validates every registered section now, so a bad value stops the entry point before the first
    /// request, with a <see cref="VoicePayConfigurationException"/> naming the key (all of a section's failures in one
    /// message). The host's ValidateOnStart would find the same, later and without the key names.
    /// </summary>
    public static void ValidateVoicePayOptions(this IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        foreach (var section in services.GetServices<OptionsSection>())
        {
            section.Check(services);
        }
    }
}
