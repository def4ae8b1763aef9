using System.Net;

namespace VoicePay.Host.Tests.EndToEnd;

/// <summary>The host on loopback with verification off (local runs), and the checks that apply before verification.</summary>
public sealed class DevModeAlexaEndpointTests(DevModeHostFixture fixture) : IClassFixture<DevModeHostFixture>
{
    private const int MaxBodyBytes = 128 * 1024;

    private TestHost Host => fixture.Host;

    [Fact]
    public async Task Health_answers_ok()
    {
        using var response = await Host.Client.GetAsync(new Uri("health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unsigned_launch_is_welcomed_on_loopback_and_the_host_keeps_running()
    {
        using var response = await Host.Client.SendAsync(AlexaEvents.Post(AlexaEvents.Load("launch.json"), signature: null, chainUrl: null));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("Welcome to Voice Pay.", await AlexaEvents.SpeechOfAsync(response), StringComparison.Ordinal);
        Assert.False(Host.App.Lifetime.ApplicationStopping.IsCancellationRequested);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_refused_with_a_reason()
    {
        using var response = await Host.Client.SendAsync(AlexaEvents.Post("hello alexa"u8.ToArray(), signature: null, chainUrl: null));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("The body is not a valid Alexa request", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_body_is_refused()
    {
        using var response = await Host.Client.SendAsync(AlexaEvents.Post([], signature: null, chainUrl: null));

        await AssertBodyRefusedAsync(response);
    }

    [Fact]
    public async Task A_body_over_128_KiB_is_refused()
    {
        using var response = await Host.Client.SendAsync(AlexaEvents.Post(OversizedEvent(), signature: null, chainUrl: null));

        await AssertBodyRefusedAsync(response);
    }

    [Fact]
    public async Task A_chunked_body_over_128_KiB_is_refused_while_reading()
    {
        // No Content-Length, so the host has to count as it reads.
        using var request = AlexaEvents.Post(OversizedEvent(), signature: null, chainUrl: null);
        request.Headers.TransferEncodingChunked = true;

        using var response = await Host.Client.SendAsync(request);

        await AssertBodyRefusedAsync(response);
    }

    [Fact]
    public async Task A_body_just_under_the_limit_is_read()
    {
        // Padding whitespace keeps it a valid request; only the size is unusual.
        var launch = AlexaEvents.Load("launch.json");
        var body = new byte[MaxBodyBytes];
        Array.Fill(body, (byte)' ');
        launch.CopyTo(body, 0);

        using var response = await Host.Client.SendAsync(AlexaEvents.Post(body, signature: null, chainUrl: null));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    // A valid launch padded with whitespace past the limit, so only its size can be the reason to refuse it.
    private static byte[] OversizedEvent()
    {
        var launch = AlexaEvents.Load("launch.json");
        var body = new byte[MaxBodyBytes + 1];
        Array.Fill(body, (byte)' ');
        launch.CopyTo(body, 0);
        return body;
    }

    private static async Task AssertBodyRefusedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Request body is missing or too large.", await response.Content.ReadAsStringAsync());
    }
}
