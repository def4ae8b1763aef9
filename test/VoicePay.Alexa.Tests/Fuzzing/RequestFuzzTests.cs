using Microsoft.Extensions.Time.Testing;
using VoicePay.Alexa.Json;
using VoicePay.Alexa.Requests;
using VoicePay.Alexa.Security;
using VoicePay.Alexa.Tests.Security;
using VoicePay.Testing.Fuzzing;

namespace VoicePay.Alexa.Tests.Fuzzing;

/// <summary>
/// Thousands of broken envelopes (seeded; the seed is in every failure message): parsing either gives a
/// request with no null corners or an <see cref="AlexaRequestFormatException"/>, and the verifier answers
/// every one of them, signed by our test PKI so the checks past the signature run too, without throwing.
/// </summary>
public sealed class RequestFuzzTests
{
    private const string EventsSkillId = "amzn1.ask.skill.00000000-0000-0000-0000-000000000000";

    [Fact]
    public void Parsing_a_broken_envelope_gives_a_clean_request_or_a_format_error()
    {
        var fuzz = AlexaFuzz.FromEnvironment(defaultCases: 5000);
        var parsed = 0;
        foreach (var fuzzCase in fuzz.Cases())
        {
            SkillRequest request;
            try
            {
                request = AlexaJson.ParseRequest(fuzzCase.Body);
            }
            catch (AlexaRequestFormatException ex)
            {
                Assert.True(ex.Message.StartsWith("The body is not a valid Alexa request", StringComparison.Ordinal), fuzz.Describe(fuzzCase));
                Assert.True(!ex.Message.Contains("-token", StringComparison.Ordinal), $"The reason quotes the body: {ex.Message}\n{fuzz.Describe(fuzzCase)}");
                continue;
            }
            catch (Exception ex)
            {
                Assert.Fail($"{ex.GetType().Name}: {ex.Message}\n{fuzz.Describe(fuzzCase)}");
                throw;
            }

            AssertClean(request, fuzz.Describe(fuzzCase));
            parsed++;
        }

        // Most mutations keep the envelope readable; if none did, the test would only ever see errors.
        Assert.True(parsed > fuzz.RandomCases / 10, $"Only {parsed} of the fuzz bodies parsed (seed {fuzz.Seed}).");
    }

    [Fact]
    public async Task The_verifier_answers_every_broken_envelope_and_never_throws()
    {
        var fuzz = AlexaFuzz.FromEnvironment(defaultCases: 2000);
        var options = new AlexaVerificationOptions { SkillId = EventsSkillId };
        options.TrustedRoots.Add(TestPki.Trusted.Root);
        var verifier = new AlexaRequestVerifier(options, new FakeChainFetcher(TestPki.ValidChainPem()), new FakeTimeProvider(TestPki.Now), new RecordingLogger<AlexaRequestVerifier>());
        var verified = 0;
        foreach (var fuzzCase in fuzz.Cases(timestamp: TestPki.Now))
        {
            RequestVerificationResult result;
            try
            {
                result = await verifier.VerifyAsync(fuzzCase.Body, SignedRequests.ChainUrl, SignedRequests.Sign(fuzzCase.Body));
            }
            catch (Exception ex)
            {
                Assert.Fail($"VerifyAsync threw {ex.GetType().Name}: {ex.Message}\n{fuzz.Describe(fuzzCase)}");
                throw;
            }

            Assert.True(result.Failure != VerificationFailure.Unexpected, $"An unforeseen failure inside the verifier.\n{fuzz.Describe(fuzzCase)}");
            if (result.IsVerified)
            {
                AssertClean(result.Request, fuzz.Describe(fuzzCase));
                verified++;
            }
        }

        Assert.True(verified > 0, $"No fuzz body got through verification (seed {fuzz.Seed}): the checks past the signature never ran.");
    }

    // What the skill relies on: no null where the model says there is none, no empty identifier.
    private static void AssertClean(SkillRequest request, string because)
    {
        Assert.True(request.Request is not null, because);
        Assert.True(request.Version is not null, because);
        Assert.True(request.Session?.SessionId is null or { Length: > 0 }, because);
        Assert.True(request.Session?.User?.UserId is null or { Length: > 0 }, because);
        Assert.True(request.Context?.System?.User?.UserId is null or { Length: > 0 }, because);
        Assert.True(request.Context?.System?.Application?.ApplicationId is null or { Length: > 0 }, because);
        switch (request.Request)
        {
            case SkillPermissionAcceptedRequest { Body: { } accepted }:
                Assert.True(accepted.AcceptedPermissions.TrueForAll(p => p?.Scope is not null) && accepted.AcceptedPersonPermissions.TrueForAll(p => p?.Scope is not null), because);
                break;
            case SkillPermissionChangedRequest { Body: { } changed }:
                Assert.True(changed.AcceptedPermissions.TrueForAll(p => p?.Scope is not null) && changed.AcceptedPersonPermissions.TrueForAll(p => p?.Scope is not null), because);
                break;
            case ProactiveSubscriptionChangedRequest { Body: { } subscriptions }:
                Assert.True(subscriptions.Subscriptions.TrueForAll(s => s?.EventName is not null), because);
                break;
            case SkillAccountLinkedRequest { Body.AccessToken: { } token }:
                Assert.True(token.Length > 0, because);
                break;
        }

        if (request.Request is IntentRequest intentRequest)
        {
            var intent = intentRequest.Intent;
            Assert.True(intent is not null, because);
            Assert.True(intent.Name is not null, because);
            Assert.True(intent.Slots is not null, because);
            foreach (var slot in intent.Slots.Values)
            {
                Assert.True(slot is not null, because);
                Assert.True(slot.Name is not null, because);
                Assert.True(slot.Resolutions?.ResolutionsPerAuthority is null || slot.Resolutions.ResolutionsPerAuthority.TrueForAll(a => a is not null && (a.Values?.TrueForAll(v => v is not null) ?? true)), because);
                _ = slot.FirstMatch;
            }
        }
    }
}
