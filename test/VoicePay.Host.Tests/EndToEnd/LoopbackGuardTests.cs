using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VoicePay.Skill.Security;
using VoicePay.Skill.State;

namespace VoicePay.Host.Tests.EndToEnd;

/// <summary>Verification may be off only while nothing but this machine can reach the host.</summary>
[Collection(ExitCodeCollection.Name)]
public sealed class LoopbackGuardTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5005")]
    [InlineData("http://[::1]:80")]
    [InlineData("http://localhost:5000")]
    public void Loopback_addresses_are_loopback(string address) => Assert.True(LoopbackGuard.IsLoopback(address));

    [Theory]
    [InlineData("http://0.0.0.0:5000")]
    [InlineData("http://[::]:5000")]
    [InlineData("http://+:80")]
    [InlineData("http://*:80")]
    [InlineData("http://10.1.2.3:80")]
    [InlineData("not a url")]
    public void Other_addresses_are_not_loopback(string address) => Assert.False(LoopbackGuard.IsLoopback(address));

    [Fact]
    public async Task A_host_without_verification_listening_beyond_loopback_stops_itself()
    {
        var exitCode = Environment.ExitCode;
        try
        {
            await using var host = await TestHost.StartAsync(new HostSettings
            {
                VerifyRequests = false,
                SeparateBank = false,
                Services = services => services.Replace(ServiceDescriptor.Singleton<IServer>(new AddressOnlyServer("http://127.0.0.1:5005", "http://0.0.0.0:5000"))),
            });

            Assert.True(host.App.Lifetime.ApplicationStopping.IsCancellationRequested);
            Assert.Equal(2, Environment.ExitCode);
        }
        finally
        {
            // The test process's own exit code must not say the run failed.
            Environment.ExitCode = exitCode;
        }
    }

    [Fact]
    public async Task A_host_serving_the_sandbox_listening_beyond_loopback_stops_itself_even_with_verification_on()
    {
        var exitCode = Environment.ExitCode;
        try
        {
            await using var host = await TestHost.StartAsync(new HostSettings
            {
                VerifyRequests = true,
                SandboxInHost = true,
                SeparateBank = false,
                Services = services => services.Replace(ServiceDescriptor.Singleton<IServer>(new AddressOnlyServer("http://0.0.0.0:5000"))),
            });

            Assert.True(host.App.Lifetime.ApplicationStopping.IsCancellationRequested);
            Assert.Equal(2, Environment.ExitCode);
        }
        finally
        {
            Environment.ExitCode = exitCode;
        }
    }

    [Fact]
    public async Task A_refused_host_never_serves_a_request_not_even_in_the_moment_before_it_stops()
    {
        var exitCode = Environment.ExitCode;
        try
        {
            await using var host = await TestHost.StartAsync(new HostSettings
            {
                VerifyRequests = false,
                SandboxInHost = true,
                SeparateBank = false,
                Services = services => services.Replace(ServiceDescriptor.Singleton<IServer>(new AddressOnlyServer("http://0.0.0.0:5000"))),
            });

            // The pipeline as the server would run it, for a request from the network to the PIN endpoint.
            var pipeline = ((IApplicationBuilder)host.App).Build();
            var context = new DefaultHttpContext();
            context.Request.Method = HttpMethods.Post;
            context.Request.Path = "/sandbox/voice-pin";
            context.Request.ContentType = "application/json";
            context.Request.Body = new MemoryStream("""{"userId":"amzn1.ask.account.ATTACKER","pin":"0000"}"""u8.ToArray());
            context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse("203.0.113.7");
            context.RequestServices = host.Services;
            await pipeline(context);

            Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
            Assert.False(await host.Services.GetRequiredService<VoicePinVerifier>().IsEnrolledAsync(PinHolder.Account("amzn1.ask.account.ATTACKER"), CancellationToken.None));
        }
        finally
        {
            Environment.ExitCode = exitCode;
        }
    }

    [Fact]
    public async Task A_host_with_verification_may_listen_beyond_loopback()
    {
        await using var host = await TestHost.StartAsync(new HostSettings
        {
            VerifyRequests = true,
            SeparateBank = false,
            Services = services => services.Replace(ServiceDescriptor.Singleton<IServer>(new AddressOnlyServer("http://0.0.0.0:5000"))),
        });

        Assert.False(host.App.Lifetime.ApplicationStopping.IsCancellationRequested);
    }
}

/// <summary>Tests that touch the process-wide <see cref="Environment.ExitCode"/> do not run in parallel with each other.</summary>
[CollectionDefinition(Name)]
public sealed class ExitCodeCollection
{
    public const string Name = "Environment.ExitCode";
}
