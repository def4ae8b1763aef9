using Microsoft.Extensions.DependencyInjection;
using VoicePay.Skill.Handlers;
using VoicePay.Skill.Pipeline;
using VoicePay.Skill.Speech;

namespace VoicePay.Skill;

public static class SkillServiceCollectionExtensions
{
    /// <summary>
    /// The conversation: handlers in the order they are asked, interceptors and exception handlers.
    /// Ports (<see cref="Banking.IPaymentsApi"/>, <see cref="State.IUserStateStore"/>) are registered by the composition root.
    /// </summary>
    public static IServiceCollection AddVoicePaySkill(this IServiceCollection services, Action<SkillOptions> configure)
    {
        services.Configure(configure);
        services.AddSingleton<SpeechCatalogs>();
        services.AddSingleton<SkillPipeline>();

        services.AddSingleton<IRequestHandler, LaunchRequestHandler>();
        services.AddSingleton<IRequestHandler, HelpIntentHandler>();
        services.AddSingleton<IRequestHandler, StopIntentHandler>();
        services.AddSingleton<IRequestHandler, CancelIntentHandler>();
        services.AddSingleton<IRequestHandler, NavigateHomeIntentHandler>();
        services.AddSingleton<IRequestHandler, FallbackIntentHandler>();
        services.AddSingleton<IRequestHandler, SessionEndedRequestHandler>();
        services.AddSingleton<IRequestHandler, ExceptionEncounteredHandler>();

        // Last: answers whatever nobody else would.
        services.AddSingleton<IRequestHandler, UnhandledRequestHandler>();

        services.AddSingleton<IExceptionHandler, GenericExceptionHandler>();
        return services;
    }
}
