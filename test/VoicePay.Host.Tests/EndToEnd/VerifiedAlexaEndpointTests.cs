using System.Globalization;
using System.Net;
using System.Text;
using VoicePay.Alexa.Security;
using VoicePay.Sandbox.Seed;
using VoicePay.Skill.Domain;
using VoicePay.Skill.Speech;

namespace VoicePay.Host.Tests.EndToEnd;

/// <summary>POST /alexa with verification on, as in production, trusting only the test root.</summary>
public sealed class VerifiedAlexaEndpointTests(VerifyingHostFixture fixture) : IClassFixture<VerifyingHostFixture>
{
    private TestHost Host => fixture.Host;

    [Fact]
    public async Task A_signed_balance_request_is_answered_with_the_balance_from_the_bank()
    {
        // "What's my checking balance?": one account, one sentence.
        var body = AlexaEvents.Load("check-balance.json", edit: json => json["request"]!["intent"]!["slots"]!["Account"]!["value"] = "checking");

        var bankCallsBefore = Host.BankCalls.Count;

        using var response = await Host.Client.SendAsync(AlexaEvents.PostSigned(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(ExpectedCheckingBalanceSpeech(), await AlexaEvents.SpeechOfAsync(response));

        // The counter the rejection tests rely on does see the skill's calls to the bank.
        Assert.True(Host.BankCalls.Count > bankCallsBefore);
        Assert.NotEmpty(Host.Fetcher.Requests);
        Assert.All(Host.Fetcher.Requests, url => Assert.Equal(AlexaEvents.ChainUrl, url.AbsoluteUri));
    }

    [Fact]
    public async Task A_signed_launch_is_welcomed()
    {
        var body = AlexaEvents.Load("launch.json");

        using var response = await Host.Client.SendAsync(AlexaEvents.PostSigned(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("Welcome to Voice Pay.", await AlexaEvents.SpeechOfAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_changed_after_signing_is_rejected_without_reaching_the_skill()
    {
        var body = AlexaEvents.Load("check-balance.json");
        var signature = AlexaEvents.Sign(body);
        body[body.Length / 2] ^= 0x01;

        await AssertRejectedAsync(AlexaEvents.Post(body, signature), VerificationFailure.SignatureMismatch);
    }

    [Fact]
    public async Task A_request_without_a_signature_is_rejected_without_reaching_the_skill()
    {
        var body = AlexaEvents.Load("check-balance.json");

        await AssertRejectedAsync(AlexaEvents.Post(body, signature: null), VerificationFailure.MissingSignature);
    }

    [Fact]
    public async Task A_correctly_signed_request_for_another_skill_is_rejected_without_reaching_the_skill()
    {
        var body = AlexaEvents.Load("check-balance.json", skillId: AlexaEvents.OtherSkillId);

        await AssertRejectedAsync(AlexaEvents.PostSigned(body), VerificationFailure.SkillIdMismatch);
    }

    [Fact]
    public async Task A_correctly_signed_but_stale_request_is_rejected_without_reaching_the_skill()
    {
        var body = AlexaEvents.Load("check-balance.json", timestamp: DateTimeOffset.UtcNow.AddMinutes(-10));

        await AssertRejectedAsync(AlexaEvents.PostSigned(body), VerificationFailure.TimestampOutOfRange);
    }

    /// <summary>
    /// With duplicate keys the last one used to win: a stale timestamp then a fresh one, or another skill's id then
    /// ours, passed the checks that read the parsed body. A body with a duplicate property is refused as malformed.
    /// </summary>
    [Fact]
    public async Task A_signed_body_with_a_stale_then_a_fresh_timestamp_is_rejected_as_malformed()
    {
        var fresh = Encoding.UTF8.GetString(AlexaEvents.Load("check-balance.json"));
        var stamp = System.Text.RegularExpressions.Regex.Match(fresh, "\"timestamp\":\"[^\"]+\"").Value;
        var stale = stamp.Replace(stamp[13..^1], DateTimeOffset.UtcNow.AddHours(-1).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var body = Encoding.UTF8.GetBytes(fresh.Replace(stamp, stale + "," + stamp, StringComparison.Ordinal));

        await AssertRejectedAsync(AlexaEvents.PostSigned(body), VerificationFailure.MalformedRequest);
    }

    [Fact]
    public async Task A_signed_body_with_another_skills_application_id_then_ours_is_rejected_as_malformed()
    {
        var other = Encoding.UTF8.GetString(AlexaEvents.Load("check-balance.json", skillId: AlexaEvents.OtherSkillId));
        var ours = Encoding.UTF8.GetString(AlexaEvents.Load("check-balance.json"));
        var ourId = System.Text.RegularExpressions.Regex.Match(ours, "\"applicationId\":\"[^\"]+\"").Value;
        var otherId = $"\"applicationId\":\"{AlexaEvents.OtherSkillId}\"";
        Assert.Contains(otherId, other, StringComparison.Ordinal);
        var body = Encoding.UTF8.GetBytes(other.Replace(otherId, otherId + "," + ourId, StringComparison.Ordinal));

        await AssertRejectedAsync(AlexaEvents.PostSigned(body), VerificationFailure.MalformedRequest);
    }

    // The sandbox's own books, spoken the way the skill speaks money.
    private string ExpectedCheckingBalanceSpeech()
    {
        var ledger = Host.Bank!.Ledger;
        var customer = ledger.FindCustomer(SandboxSeed.AliceToken)!;
        var checking = Assert.Single(ledger.GetAccounts(customer), account => account.Type == "checking");
        var available = Money.Of(decimal.Parse(checking.AvailableBalance, CultureInfo.InvariantCulture), checking.Currency);
        return $"Your checking account ending in {checking.LastFour} has {MoneyText.Format(available)} available. Anything else?";
    }

    private async Task AssertRejectedAsync(HttpRequestMessage request, VerificationFailure failure)
    {
        using var sent = request;
        var bankCallsBefore = Host.BankCalls.Count;

        using var response = await Host.Client.SendAsync(sent);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(RequestVerificationResult.Describe(failure), await response.Content.ReadAsStringAsync());
        Assert.Equal(bankCallsBefore, Host.BankCalls.Count);
    }
}
