using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using VoicePay.Composition;
using VoicePay.Sandbox.Seed;
using VoicePay.Skill.Security;
using VoicePay.Skill.State;

namespace VoicePay.Host.Tests.EndToEnd;

/// <summary>A local run (VoicePay:Sandbox:Enabled): the sandbox bank and PIN enrolment are served under /sandbox.</summary>
public sealed class SandboxInHostTests(SandboxInHostFixture fixture) : IClassFixture<SandboxInHostFixture>
{
    private TestHost Host => fixture.Host;

    private VoicePinVerifier Pins => Host.Services.GetRequiredService<VoicePinVerifier>();

    [Fact]
    public async Task The_demo_person_has_the_demo_PIN_from_the_start()
    {
        Assert.True(await Pins.IsEnrolledAsync(PinHolder.Account(LocalDefaults.DemoUserId), CancellationToken.None));
    }

    [Fact]
    public async Task A_voice_PIN_can_be_set_for_a_user()
    {
        const string userId = "amzn1.ask.account.ENROLMENT-TEST";

        using var response = await Host.Client.PostAsJsonAsync(new Uri("sandbox/voice-pin", UriKind.Relative), new { userId, pin = "4321" });

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.True(await Pins.IsEnrolledAsync(PinHolder.Account(userId), CancellationToken.None));
    }

    [Fact]
    public async Task A_voice_PIN_that_is_not_four_digits_is_refused_and_not_echoed()
    {
        const string userId = "amzn1.ask.account.BAD-PIN-TEST";

        using var response = await Host.Client.PostAsJsonAsync(new Uri("sandbox/voice-pin", UriKind.Relative), new { userId, pin = "98765" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("98765", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await Pins.IsEnrolledAsync(PinHolder.Account(userId), CancellationToken.None));
    }

    [Fact]
    public async Task The_sandbox_bank_answers_under_sandbox()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "sandbox/v1/accounts");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", SandboxSeed.AliceToken);

        using var response = await Host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"lastFour\":\"4821\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

/// <summary>A verifying host serving the sandbox (for example behind a tunnel for the Alexa simulator) has no PIN endpoint.</summary>
public sealed class VerifyingSandboxHostTests
{
    [Fact]
    public async Task The_PIN_endpoint_is_not_served_when_verification_is_on()
    {
        await using var host = await TestHost.StartAsync(new HostSettings { VerifyRequests = true, SandboxInHost = true, SeparateBank = false });
        const string userId = "amzn1.ask.account.THROUGH-A-TUNNEL";

        using var response = await host.Client.PostAsJsonAsync(new Uri("sandbox/voice-pin", UriKind.Relative), new { userId, pin = "4321" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(await host.Services.GetRequiredService<VoicePinVerifier>().IsEnrolledAsync(PinHolder.Account(userId), CancellationToken.None));
        Assert.False(host.App.Lifetime.ApplicationStopping.IsCancellationRequested, "A loopback host may serve the sandbox with verification on.");
    }

    /// <summary>
    /// Behind a tunnel every connection looks like loopback, so a verifying host serves none of the local tools: not the
    /// simulator (which runs the skill without a signature and clears the demo lock), not the stand-in for Amazon's APIs
    /// (whose notifications are readable), not the sandbox's unauthenticated event raising. The bank itself stays: it
    /// is the bank the skill talks to, behind its bearer tokens.
    /// </summary>
    [Theory]
    [InlineData("GET", "simulator")]
    [InlineData("POST", "simulator/api/say")]
    [InlineData("POST", "simulator/api/reset")]
    [InlineData("GET", "simulator/api/bank")]
    [InlineData("GET", "sandbox/amazon/notifications")]
    [InlineData("POST", "sandbox/amazon/auth/o2/token")]
    [InlineData("POST", "sandbox/amazon/v1/proactiveEvents")]
    [InlineData("POST", "sandbox/v1/sandbox/events")]
    [InlineData("POST", "sandbox/voice-pin")]
    public async Task A_verifying_host_serves_no_local_tool(string method, string path)
    {
        await using var host = await TestHost.StartAsync(new HostSettings { VerifyRequests = true, SandboxInHost = true, SeparateBank = false });
        using var request = new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = method == "POST" ? JsonContent.Create(new { text = "open voice pay", kind = "suspected_fraud" }) : null,
        };

        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(host.Services.GetService<Simulator.WebSimulator>());
    }

    [Fact]
    public async Task A_verifying_host_still_serves_the_sandbox_bank_the_skill_uses()
    {
        await using var host = await TestHost.StartAsync(new HostSettings { VerifyRequests = true, SandboxInHost = true, SeparateBank = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "sandbox/v1/accounts");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", SandboxSeed.AliceToken);

        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
