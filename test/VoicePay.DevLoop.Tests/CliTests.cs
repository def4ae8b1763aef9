using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using VoicePay.Composition;
using VoicePay.Host;
using VoicePay.Skill.Security;
using VoicePay.Skill.State;
using VoicePay.Testing;

namespace VoicePay.DevLoop.Tests;

/// <summary>Each defect of issue 9's "tried as a new user would" list, and the commands that fix them.</summary>
public class CliTests
{
    private static string Event(string name) => Path.Combine(RepositoryRoot.Find(), "events", name);

    [Fact]
    public async Task Send_takes_a_url_and_reaches_a_host_on_any_port()
    {
        using var data = new TempFolder();
        await using var host = await LocalHost.StartAsync(data.Path);

        // Was: "Cannot parse argument ... as expected type 'System.Uri'" with a stack trace, for every value.
        var run = await Cli.RunAsync(null, "send", Event("launch.json"), "--url", new Uri(host.BaseAddress, "alexa").AbsoluteUri);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("Alexa: Welcome to Voice Pay", run.Output, StringComparison.Ordinal);

        // A bare address gets /alexa.
        Assert.Equal(0, (await Cli.RunAsync(null, "send", Event("launch.json"), "--url", host.BaseAddress.AbsoluteUri)).ExitCode);
    }

    [Fact]
    public async Task Send_finds_the_running_host_through_the_data_folder()
    {
        using var data = new TempFolder();
        await using var host = await LocalHost.StartAsync(data.Path);
        Assert.True(File.Exists(LocalDefaults.HostFilePath(data.Path)));

        var run = await Cli.RunAsync(null, "send", Event("launch.json"), "--data", data.Path);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("Alexa: Welcome", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Output_is_decoded_json_and_readable_speech()
    {
        using var data = new TempFolder();
        var run = await Cli.RunAsync(null, "invoke", Event("launch.json"), "--data", data.Path);
        Assert.True(run.ExitCode == 0, run.Error);

        // Was: "\u003Cspeak\u003E": only the last line was readable.
        Assert.Contains("\"ssml\": \"<speak>", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u003C", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u0027", run.Output, StringComparison.Ordinal);
        Assert.Contains("Alexa: Welcome to Voice Pay.", run.Output, StringComparison.Ordinal);
        Assert.Contains("directive: Dialog.UpdateDynamicEntities", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("127.0.0.1:5005")]
    [InlineData("ftp://127.0.0.1/alexa")]
    public async Task A_malformed_url_is_one_line_and_exit_code_2(string url) =>
        (await Cli.RunAsync(null, "send", Event("launch.json"), "--url", url)).AssertUserError("--url must be an http(s) URL");

    [Fact]
    public async Task No_host_listening_is_one_line_with_a_hint()
    {
        var run = await Cli.RunAsync(null, "send", Event("launch.json"), "--url", $"http://127.0.0.1:{FreePort()}/alexa");
        run.AssertUserError("Start the host");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Pin_set_without_a_user_is_one_line_and_exit_code_2(string user) =>
        (await Cli.RunAsync("5927\n", "pin", "set", "--user", user)).AssertUserError("--user needs an Alexa user ID");

    [Fact]
    public async Task Pin_set_with_a_pin_that_is_not_four_digits_changes_nothing()
    {
        using var data = new TempFolder();
        (await Cli.RunAsync("12a4\n", "pin", "set", "--user", "amzn1.ask.account.X", "--data", data.Path)).AssertUserError("exactly four digits");
        var status = await Cli.RunAsync(null, "pin", "status", "--user", "amzn1.ask.account.X", "--data", data.Path);
        Assert.Contains("no voice PIN", status.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1111")]
    [InlineData("1234")]
    [InlineData("9876")]
    [InlineData("2000")]
    public async Task Pin_set_with_a_pin_easy_to_guess_changes_nothing(string easy)
    {
        using var data = new TempFolder();
        var run = await Cli.RunAsync(easy + "\n", "pin", "set", "--user", "amzn1.ask.account.X", "--data", data.Path);
        run.AssertUserError("among the first a stranger would guess");
        Assert.DoesNotContain(easy, run.Error, StringComparison.Ordinal);
        var status = await Cli.RunAsync(null, "pin", "status", "--user", "amzn1.ask.account.X", "--data", data.Path);
        Assert.Contains("no voice PIN", status.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pin_set_with_a_person_sets_that_persons_own_pin_beside_the_accounts()
    {
        using var data = new TempFolder();
        const string user = "amzn1.ask.account.HOUSEHOLD";
        Assert.Equal(0, (await Cli.RunAsync("2468\n", "pin", "set", "--user", user, "--person", "amzn1.ask.person.ALICE", "--data", data.Path)).ExitCode);

        Assert.Contains("0 of 3 failed attempts", (await Cli.RunAsync(null, "pin", "status", "--user", user, "--person", "amzn1.ask.person.ALICE", "--data", data.Path)).Output, StringComparison.Ordinal);
        Assert.Contains("no voice PIN", (await Cli.RunAsync(null, "pin", "status", "--user", user, "--data", data.Path)).Output, StringComparison.Ordinal);
        Assert.Contains("no voice PIN", (await Cli.RunAsync(null, "pin", "status", "--user", user, "--person", "amzn1.ask.person.BOB", "--data", data.Path)).Output, StringComparison.Ordinal);
        (await Cli.RunAsync(null, "pin", "reset", "--user", user, "--person", " ", "--data", data.Path)).AssertUserError("--person needs an Alexa person ID");
    }

    [Fact]
    public async Task Missing_and_malformed_event_files_are_one_line()
    {
        using var data = new TempFolder();
        (await Cli.RunAsync(null, "invoke", Path.Combine(data.Path, "nope.json"), "--data", data.Path)).AssertUserError("No such event file");
        var malformed = Path.Combine(data.Path, "bad.json");
        await File.WriteAllTextAsync(malformed, "{ \"request\": ");
        (await Cli.RunAsync(null, "invoke", malformed, "--data", data.Path)).AssertUserError("bad.json: The body is not a valid Alexa request");
    }

    [Fact]
    public async Task Unknown_options_and_commands_are_one_line()
    {
        (await Cli.RunAsync(null, "send", Event("launch.json"), "--port", "5006")).AssertUserError("--port");
        (await Cli.RunAsync(null, "transfer")).AssertUserError("transfer");
        (await Cli.RunAsync(null, "chat", "--script", "/no/such/script.chat")).AssertUserError("No such script");
    }

    [Fact]
    public async Task Chat_mistakes_are_one_line()
    {
        using var data = new TempFolder();
        (await Cli.RunAsync(null, "chat", "--locale", "fr-FR", "--data", data.Path)).AssertUserError("No interaction model for fr-FR");
        (await Cli.RunAsync(null, "chat", "--endpoint", $"http://127.0.0.1:{FreePort()}", "--data", data.Path)).AssertUserError("No VoicePay host answers");

        // A host that recorded its address and then died (kill -9) leaves host.json behind: it is checked, not trusted.
        await File.WriteAllTextAsync(LocalDefaults.HostFilePath(data.Path), $"http://127.0.0.1:{FreePort()}\n1\n");
        (await Cli.RunAsync(null, "chat", "--endpoint", "--data", data.Path)).AssertUserError("No VoicePay host answers");
        var script = Path.Combine(data.Path, "broken.chat");
        await File.WriteAllTextAsync(script, "> open voice pay\n= balance\n");
        (await Cli.RunAsync(null, "chat", "--script", script)).AssertUserError("broken.chat:2: unknown check");
    }

    [Fact]
    public async Task Pin_set_reaches_the_store_the_running_host_uses()
    {
        using var data = new TempFolder();
        await using var host = await LocalHost.StartAsync(data.Path);

        // Was: the CLI wrote ./.data/voicepay.db, the host read src/VoicePay.Host/.data/voicepay.db.
        Assert.Equal(LocalDefaults.UserStatePath(data.Path), host.App.Configuration["VoicePay:Storage:SqlitePath"]);
        var run = await Cli.RunAsync("5927\n", "pin", "set", "--user", "amzn1.ask.account.NEWPERSON", "--data", data.Path);
        Assert.True(run.ExitCode == 0, run.Error);

        Assert.True(VoicePin.TryParse("5927", out var pin));
        var check = await host.App.Services.GetRequiredService<VoicePinVerifier>().CheckAsync(PinHolder.Account("amzn1.ask.account.NEWPERSON"), "amzn1.echo-api.request.cli-test", pin, CancellationToken.None);
        Assert.Equal(PinCheckOutcome.Verified, check.Outcome);
    }

    [Fact]
    public async Task Pin_status_shows_a_lock_and_pin_reset_clears_it()
    {
        using var data = new TempFolder();
        const string user = "amzn1.ask.account.LOCKED";
        Assert.Equal(0, (await Cli.RunAsync("3860\n", "pin", "set", "--user", user, "--data", data.Path)).ExitCode);
        await using (var host = await LocalHost.StartAsync(data.Path))
        {
            var verifier = host.App.Services.GetRequiredService<VoicePinVerifier>();
            Assert.True(VoicePin.TryParse("9999", out var wrong));
            for (var i = 0; i < 3; i++)
            {
                await verifier.CheckAsync(PinHolder.Account(user), $"amzn1.echo-api.request.wrong-{i}", wrong, CancellationToken.None);
            }

            Assert.Contains("LOCKED", (await Cli.RunAsync(null, "pin", "status", "--user", user, "--data", data.Path)).Output, StringComparison.Ordinal);
            Assert.Equal(0, (await Cli.RunAsync(null, "pin", "reset", "--user", user, "--data", data.Path)).ExitCode);
            Assert.Equal(PinReadiness.Ready, await verifier.ReadinessAsync(PinHolder.Account(user), CancellationToken.None));
        }

        Assert.Contains("0 of 3 failed attempts", (await Cli.RunAsync(null, "pin", "status", "--user", user, "--data", data.Path)).Output, StringComparison.Ordinal);
        (await Cli.RunAsync(null, "pin", "reset", "--user", "amzn1.ask.account.NOBODY", "--data", data.Path)).AssertUserError("has no voice PIN");
    }

    [Fact]
    public async Task Reset_refuses_while_the_host_runs_and_wipes_the_state_after()
    {
        using var data = new TempFolder();
        await using (var host = await LocalHost.StartAsync(data.Path))
        {
            (await Cli.RunAsync(null, "reset", "--data", data.Path)).AssertUserError("Stop it");
        }

        Assert.Equal(0, (await Cli.RunAsync("5927\n", "pin", "set", "--user", "amzn1.ask.account.X", "--data", data.Path)).ExitCode);
        var reset = await Cli.RunAsync(null, "reset", "--data", data.Path);
        Assert.True(reset.ExitCode == 0, reset.Error);
        Assert.False(File.Exists(LocalDefaults.UserStatePath(data.Path)));
        Assert.False(File.Exists(LocalDefaults.SandboxBankPath(data.Path)));
        Assert.Contains("no voice PIN", (await Cli.RunAsync(null, "pin", "status", "--user", "amzn1.ask.account.X", "--data", data.Path)).Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_data_folder_does_not_depend_on_the_working_directory()
    {
        var root = RepositoryRoot.Find();
        Assert.Equal(root, LocalDefaults.FindRepositoryRoot(Path.Combine(root, "src", "VoicePay.Host")));
        Assert.Equal(root, LocalDefaults.FindRepositoryRoot(root));
        Assert.Equal(Path.Combine(root, ".voicepay"), Path.Combine(LocalDefaults.FindRepositoryRoot(Path.Combine(root, "src", "VoicePay.Cli", "bin"))!, LocalDefaults.DataFolderName));
        Assert.Equal(Path.GetFullPath("/tmp/elsewhere"), LocalDefaults.DataFolder("/tmp/elsewhere"));
    }

    [Fact]
    public async Task The_host_derives_the_bank_url_from_its_own_port()
    {
        using var data = new TempFolder();

        // Was: port 5005 written three times; changing one made every bank call fail.
        await using var host = await LocalHost.StartAsync(data.Path);
        Assert.Equal(new Uri(host.BaseAddress, "sandbox/").AbsoluteUri, host.App.Configuration["VoicePay:Payments:BaseUrl"]);
        Assert.NotEqual(5005, host.BaseAddress.Port);

        // The launch lists the person's payees, which takes a bank call.
        var run = await Cli.RunAsync(null, "send", Event("launch.json"), "--url", host.BaseAddress.AbsoluteUri);
        Assert.Contains("Alice Smith", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "http://127.0.0.1:5005/")]
    [InlineData("http://127.0.0.1:5123", "http://127.0.0.1:5123/")]
    [InlineData("http://+:5123;http://127.0.0.1:6000", "http://127.0.0.1:5123/")]
    public void The_listening_url_comes_from_one_place(string? configured, string expected) =>
        Assert.Equal(expected, LocalRun.ListeningUrl(configured).AbsoluteUri);

    [Fact]
    public async Task A_port_in_use_is_one_line_with_a_hint_and_exit_code_2()
    {
        using var data = new TempFolder();
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var app = LocalHost.Build(data.Path, $"http://127.0.0.1:{port}");
        var error = new StringWriter();
        Assert.Equal(2, await LocalRun.StartOrExplainAsync(app, error));
        var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("already in use", line, StringComparison.Ordinal);
        Assert.Contains("--urls", line, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(SampleEvents))]
    public async Task Invoke_runs_every_sample_event(string name)
    {
        using var data = new TempFolder();
        var run = await Cli.RunAsync(null, "invoke", Event(name), "--data", data.Path);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    public static TheoryData<string> SampleEvents() =>
        [.. Directory.GetFiles(Path.Combine(RepositoryRoot.Find(), "events"), "*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
