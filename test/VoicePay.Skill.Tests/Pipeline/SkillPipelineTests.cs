using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using VoicePay.Alexa.Requests;
using VoicePay.Alexa.Responses;
using VoicePay.Skill.Banking;
using VoicePay.Skill.Conversation;
using VoicePay.Skill.Pipeline;
using VoicePay.Skill.Security;
using VoicePay.Storage.Sqlite;

namespace VoicePay.Skill.Tests.Pipeline;

public sealed class SkillPipelineTests
{
    private static (SkillPipeline Pipeline, RecordingInterceptor Interceptor) Build(Action<IServiceCollection>? extra = null)
    {
        var services = Skill(o => o.SkillId = Envelopes.SkillId);
        var interceptor = new RecordingInterceptor();
        services.AddSingleton<IRequestInterceptor>(interceptor);
        extra?.Invoke(services);
        return (services.BuildServiceProvider().GetRequiredService<SkillPipeline>(), interceptor);
    }

    [Fact]
    public async Task Launch_welcomes_and_keeps_the_session_open()
    {
        var (pipeline, _) = Build();

        var response = await pipeline.HandleAsync(Envelopes.Launch(), CancellationToken.None);

        Assert.StartsWith("Welcome to Voice Pay.", Speech.Of(response), StringComparison.Ordinal);
        Assert.NotEmpty(Speech.RepromptOf(response));
        Assert.False(response.Response.ShouldEndSession);
    }

    [Fact]
    public async Task A_request_for_another_skill_is_rejected_before_anything_runs()
    {
        var (pipeline, interceptor) = Build();

        await Assert.ThrowsAsync<SkillRequestRejectedException>(
            () => pipeline.HandleAsync(Envelopes.Launch(skillId: "amzn1.ask.skill.someone-else"), CancellationToken.None));

        Assert.Equal(0, interceptor.Calls);
    }

    [Fact]
    public async Task A_request_without_any_application_id_is_rejected()
    {
        var (pipeline, _) = Build();
        var envelope = Envelopes.Launch();
        envelope.Context = null;
        envelope.Session = null;

        await Assert.ThrowsAsync<SkillRequestRejectedException>(() => pipeline.HandleAsync(envelope, CancellationToken.None));
    }

    [Fact]
    public async Task A_request_without_a_user_is_rejected_before_anything_runs()
    {
        var (pipeline, interceptor) = Build();
        var envelope = Envelopes.Launch();
        envelope.Session!.User = null;
        envelope.Context!.System!.User = null;

        await Assert.ThrowsAsync<SkillRequestRejectedException>(() => pipeline.HandleAsync(envelope, CancellationToken.None));
        Assert.Equal(0, interceptor.Calls);
    }

    [Fact]
    public async Task An_unconfigured_skill_id_rejects_everything()
    {
        var services = Skill(_ => { });
        var pipeline = services.BuildServiceProvider().GetRequiredService<SkillPipeline>();

        await Assert.ThrowsAsync<SkillRequestRejectedException>(() => pipeline.HandleAsync(Envelopes.Launch(), CancellationToken.None));
    }

    [Theory]
    [InlineData(IntentNames.Stop)]
    [InlineData(IntentNames.Cancel)]
    [InlineData(IntentNames.NavigateHome)]
    public async Task Stop_cancel_and_home_say_goodbye_and_end_the_session(string intent)
    {
        var (pipeline, _) = Build();

        var response = await pipeline.HandleAsync(Envelopes.Intent(intent), CancellationToken.None);

        Assert.Equal("Goodbye.", Speech.Of(response));
        Assert.True(response.Response.ShouldEndSession);
    }

    [Fact]
    public async Task Help_explains_and_asks_what_next()
    {
        var (pipeline, _) = Build();

        var response = await pipeline.HandleAsync(Envelopes.Intent(IntentNames.Help), CancellationToken.None);

        Assert.Contains("voice PIN", Speech.Of(response), StringComparison.Ordinal);
        Assert.False(response.Response.ShouldEndSession);
    }

    [Fact]
    public async Task Fallback_says_what_the_skill_can_do()
    {
        var (pipeline, _) = Build();

        var response = await pipeline.HandleAsync(Envelopes.Intent(IntentNames.Fallback), CancellationToken.None);

        Assert.StartsWith("Sorry, Voice Pay can't help with that.", Speech.Of(response), StringComparison.Ordinal);
        Assert.False(response.Response.ShouldEndSession);
    }

    [Theory]
    [InlineData("AMAZON.ShuffleOnIntent")]
    [InlineData("")]
    public async Task Unknown_intents_get_a_spoken_way_forward(string intent)
    {
        var (pipeline, _) = Build();

        var response = await pipeline.HandleAsync(Envelopes.Intent(intent), CancellationToken.None);

        Assert.StartsWith("Sorry, I didn't understand that.", Speech.Of(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_request_types_and_requests_without_type_are_answered()
    {
        var (pipeline, _) = Build();

        var unknown = await pipeline.HandleAsync(Envelopes.Envelope(new UnknownRequest { Type = "AudioPlayer.PlaybackStarted" }), CancellationToken.None);
        var noType = await pipeline.HandleAsync(Envelopes.Envelope(new UnknownRequest()), CancellationToken.None);

        Assert.NotEmpty(Speech.Of(unknown));
        Assert.NotEmpty(Speech.Of(noType));
    }

    [Fact]
    public async Task Session_ended_and_exception_encountered_get_an_empty_answer()
    {
        var (pipeline, _) = Build();

        var ended = await pipeline.HandleAsync(Envelopes.Envelope(new SessionEndedRequest { Reason = "USER_INITIATED" }), CancellationToken.None);
        var exception = await pipeline.HandleAsync(Envelopes.Envelope(new SystemExceptionEncounteredRequest { Error = new AlexaError { Type = "INVALID_RESPONSE" } }), CancellationToken.None);

        Assert.Null(ended.Response.OutputSpeech);
        Assert.Null(exception.Response.OutputSpeech);
    }

    [Fact]
    public async Task A_failing_handler_becomes_a_truthful_apology()
    {
        var (pipeline, _) = Build(services =>
        {
            services.RemoveAll<IRequestHandler>();
            services.AddSingleton<IRequestHandler>(new ThrowingHandler());
        });

        var response = await pipeline.HandleAsync(Envelopes.Launch(), CancellationToken.None);

        Assert.Contains("no money was moved", Speech.Of(response), StringComparison.Ordinal);
        Assert.True(response.Response.ShouldEndSession);
    }

    [Fact]
    public async Task British_locale_speaks_in_pounds()
    {
        var (pipeline, _) = Build();

        var response = await pipeline.HandleAsync(Envelopes.Launch(locale: "en-GB"), CancellationToken.None);

        Assert.Contains("twenty pounds", Speech.RepromptOf(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unsupported_locale_falls_back_to_US_English()
    {
        var (pipeline, _) = Build();

        var response = await pipeline.HandleAsync(Envelopes.Launch(locale: "fr-FR"), CancellationToken.None);

        Assert.Contains("twenty dollars", Speech.RepromptOf(response), StringComparison.Ordinal);
    }

    /// <summary>The skill with a bank that has nothing and an in-memory state store: these tests need neither.</summary>
    private static ServiceCollection Skill(Action<SkillOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddVoicePaySkill(configure);
        services.Configure<PinOptions>(o => o.Pepper = Convert.ToBase64String(new byte[32]));
        services.Configure<PinKeyOptions>(o => o.LocalKey = Convert.ToBase64String(new byte[32]));
        services.AddSingleton<IPinMac, LocalPinMac>();
        services.AddSingleton<IPaymentsApi, EmptyBank>();
        services.AddSqliteUserStateStore($"Data Source=pipeline-{Guid.NewGuid():N};Mode=Memory;Cache=Shared");
        return services;
    }

    private sealed class EmptyBank : IPaymentsApi
    {
        public Task<BankResult<BankCustomer>> GetCustomerAsync(string accessToken, CancellationToken cancellationToken) => Task.FromResult(BankResult<BankCustomer>.Failure(BankError.Unavailable));

        public Task<BankResult<IReadOnlyList<Account>>> GetAccountsAsync(string accessToken, CancellationToken cancellationToken) => Task.FromResult(BankResult<IReadOnlyList<Account>>.Success([]));

        public Task<BankResult<IReadOnlyList<Payee>>> GetPayeesAsync(string accessToken, CancellationToken cancellationToken) => Task.FromResult(BankResult<IReadOnlyList<Payee>>.Success([]));

        public Task<BankResult<TransactionPage>> GetTransactionsAsync(string accessToken, TransactionQuery query, CancellationToken cancellationToken) => Task.FromResult(BankResult<TransactionPage>.Success(new TransactionPage([], null)));

        public Task<BankResult<TransferReceipt>> SendTransferAsync(string accessToken, TransferRequest transfer, CancellationToken cancellationToken) => Task.FromResult(BankResult<TransferReceipt>.Failure(BankError.Unavailable));

        public Task<BankResult<TransferReceipt>> GetTransferAsync(string accessToken, string transferId, CancellationToken cancellationToken) => Task.FromResult(BankResult<TransferReceipt>.Failure(BankError.Unavailable));

        public Task<BankResult<TransferReceipt>> FindTransferAsync(string accessToken, string idempotencyKey, CancellationToken cancellationToken) => Task.FromResult(BankResult<TransferReceipt>.Failure(BankError.Unavailable));

        public Task<BankResult<VerificationCode>> SendVerificationCodeAsync(string accessToken, string idempotencyKey, CancellationToken cancellationToken) => Task.FromResult(BankResult<VerificationCode>.Failure(BankError.Unavailable));

        public Task<BankResult<CodeCheck>> CheckVerificationCodeAsync(string accessToken, string codeId, string code, string idempotencyKey, CancellationToken cancellationToken) => Task.FromResult(BankResult<CodeCheck>.Failure(BankError.Unavailable));
    }

    private sealed class RecordingInterceptor : IRequestInterceptor
    {
        public int Calls { get; private set; }

        public Task ProcessAsync(HandlerInput input, CancellationToken cancellationToken)
        {
            Calls++;
            return Task.CompletedTask;
        }
    }

    private sealed class ThrowingHandler : IRequestHandler
    {
        public bool CanHandle(HandlerInput input) => true;

        public Task<SkillResponse> HandleAsync(HandlerInput input, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("boom");
    }
}
