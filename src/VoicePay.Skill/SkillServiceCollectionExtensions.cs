using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VoicePay.Skill.Conversation;
using VoicePay.Skill.Handlers;
using VoicePay.Skill.Payees;
using VoicePay.Skill.Pipeline;
using VoicePay.Skill.Security;
using VoicePay.Skill.Speech;
using VoicePay.Skill.Transfers;

namespace VoicePay.Skill;

public static class SkillServiceCollectionExtensions
{
    /// <summary>
    /// The conversation: handlers in the order they are asked, interceptors and exception handlers.
    /// The ports (<see cref="Banking.IPaymentsApi"/>, <see cref="State.IUserStateStore"/>, <see cref="State.ITransferJournal"/>,
    /// <see cref="IPinMac"/>, <see cref="State.IHandledRequests"/>) and the options (<see cref="SkillOptions"/>, <see cref="PinOptions"/>,
    /// <see cref="TransferLimits"/>, <see cref="TransferTiming"/>, <see cref="ReplayOptions"/>)
    /// come from the composition root.
    /// </summary>
    public static IServiceCollection AddVoicePaySkill(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<SkillOptions>();
        services.AddOptions<PinOptions>();
        services.AddOptions<TransferLimits>();
        services.AddOptions<TransferTiming>();
        services.AddOptions<ReplayOptions>();

        services.AddSingleton<SpeechCatalogs>();
        services.AddSingleton<SkillPipeline>();
        services.AddSingleton<RequestReplay>();
        services.AddSingleton<ConversationStore>();
        services.TryAddSingleton<IPinPepper, ConfiguredPinPepper>();
        services.AddSingleton<PinHasher>();
        services.AddSingleton<PinProtector>();
        services.AddSingleton<VoicePinVerifier>();
        services.AddSingleton<ConversationEngine>();
        services.AddSingleton<ConfirmedActions>();
        services.AddSingleton<PinGate>();
        services.AddSingleton<WelcomeFlow>();
        services.AddSingleton<PaymentFlow>();
        services.AddSingleton<AccountsFlow>();
        services.AddSingleton<ForgetFlow>();
        services.AddSingleton<SpendingFlow>();
        services.AddSingleton<PinSetupFlow>();
        services.AddSingleton<MoveFlow>();
        services.AddSingleton<SpendingReply>();
        services.AddSingleton<PaymentPreparer>();
        services.AddSingleton<PayeeResolver>();
        services.AddSingleton<BalanceReply>();
        services.AddSingleton<TransactionsReply>();
        services.AddSingleton<AlertsReply>();
        services.AddSingleton<AccountListReply>();
        services.AddSingleton<HelpReply>();

        services.AddSingleton<TransferProcessor>();
        services.AddSingleton<LegacyUnresolvedTransfer>();
        services.AddSingleton<AccountLinker>();
        services.AddSingleton<NotificationPermission>();

        // Alerts follow account linking during use (IAlertStore, IPersonalData: registered by the stores).
        services.AddSingleton<IRequestInterceptor, AccountLinkInterceptor>();

        // One handler for the whole conversation; the table decides what each input means.
        services.AddSingleton<IRequestHandler, ConversationHandler>();
        services.AddSingleton<IRequestHandler, CanFulfillIntentHandler>();
        services.AddSingleton<IRequestHandler, SessionEndedRequestHandler>();
        services.AddSingleton<IRequestHandler, ExceptionEncounteredHandler>();

        // The skill's lifecycle events (skill-package/skill.json subscribes to each of them).
        services.AddSingleton<IRequestHandler, SkillEnabledEventHandler>();
        services.AddSingleton<IRequestHandler, SkillDisabledEventHandler>();
        services.AddSingleton<IRequestHandler, SkillAccountLinkedEventHandler>();
        services.AddSingleton<IRequestHandler, SkillPermissionAcceptedEventHandler>();
        services.AddSingleton<IRequestHandler, SkillPermissionChangedEventHandler>();
        services.AddSingleton<IRequestHandler, ProactiveSubscriptionChangedEventHandler>();

        // Last: answers whatever nobody else would.
        services.AddSingleton<IRequestHandler, UnhandledRequestHandler>();

        services.AddSingleton<IExceptionHandler, GenericExceptionHandler>();
        return services;
    }

    public static IServiceCollection AddVoicePaySkill(this IServiceCollection services, Action<SkillOptions> configure)
    {
        services.Configure(configure);
        return services.AddVoicePaySkill();
    }
}
