using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace VoicePay.DevLoop.Tests;

/// <summary>Runs where Debian's Chromium is installed (build/test.sh installs it); in CI a missing browser fails instead of skipping.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public const string Chromium = "/usr/bin/chromium";

    public BrowserFactAttribute()
    {
        if (!File.Exists(Chromium) && Environment.GetEnvironmentVariable("CI") != "true")
        {
            Skip = $"{Chromium} is missing (apt-get install chromium; build/test.sh does).";
        }
    }
}

/// <summary>The web page at /simulator in a real browser, against a real local host and its sandbox bank.</summary>
public class WebSimulatorTests
{
    [BrowserFact]
    public async Task A_whole_payment_in_the_web_page_moves_money_in_the_books_beside_it()
    {
        using var data = new TempFolder();
        await using var host = await LocalHost.StartAsync(data.Path);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFactAttribute.Chromium,
            Headless = true,
            Args = ["--no-sandbox"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        await page.GotoAsync(new Uri(host.BaseAddress, "simulator").AbsoluteUri);
        await Expect(page.Locator("#balances")).ToContainTextAsync("4209.27");

        var alexa = page.Locator("#transcript .alexa");
        async Task SayAsync(string text, string expected)
        {
            var before = await alexa.CountAsync();
            await page.Locator("#utterance").FillAsync(text);
            await page.Locator("#say").ClickAsync();
            await Expect(alexa).ToHaveCountAsync(before + 1);
            await Expect(alexa.Last).ToContainTextAsync(expected);
        }

        await SayAsync("open voice pay", "Voice Pay");
        await SayAsync("send twenty dollars to alice smith", "$20.00");
        await Expect(page.Locator("#transcript")).ToContainTextAsync("ER_SUCCESS_MATCH: Alice Smith, dynamic");
        await Expect(page.Locator("#state")).ToContainTextAsync("confirming SendMoneyIntent");
        await Expect(page.Locator("#request")).ToContainTextAsync("\"type\": \"IntentRequest\"");
        await SayAsync("yes", "PIN");
        await SayAsync("one two three four", "Alice Smith");

        await Expect(page.Locator("#transcript .card")).ToContainTextAsync("$20.00");
        await Expect(page.Locator("#balances")).ToContainTextAsync("4189.27");
        await Expect(page.Locator("#ledger")).ToContainTextAsync("Alice Smith");
        await Expect(page.Locator("#response")).ToContainTextAsync("<speak>");

        if (Environment.GetEnvironmentVariable("VOICEPAY_SCREENSHOT") is { Length: > 0 } screenshot)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        }

        await page.Locator("#reset").ClickAsync();
        await Expect(alexa).ToHaveCountAsync(0);
        await SayAsync("what's my balance", "PIN");
        await Expect(page.Locator("#transcript .meta").Nth(1)).ToContainTextAsync("No session was open");
    }

    [BrowserFact]
    public async Task A_code_texted_for_a_forgotten_pin_shows_on_the_phone_beside_the_transcript()
    {
        using var data = new TempFolder();
        await using var host = await LocalHost.StartAsync(data.Path);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFactAttribute.Chromium,
            Headless = true,
            Args = ["--no-sandbox"],
        });
        var page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(host.BaseAddress, "simulator").AbsoluteUri);
        await Expect(page.Locator("#phone")).ToContainTextAsync("No texts yet");
        var alexa = page.Locator("#transcript .alexa");
        async Task SayAsync(string text, string expected)
        {
            var before = await alexa.CountAsync();
            await page.Locator("#utterance").FillAsync(text);
            await page.Locator("#say").ClickAsync();
            await Expect(alexa).ToHaveCountAsync(before + 1);
            await Expect(alexa.Last).ToContainTextAsync(expected);
        }

        await SayAsync("open voice pay", "Voice Pay");
        await SayAsync("i forgot my pin", "ending 1 2");
        var code = host.App.Services.GetRequiredService<Sandbox.Ledger.SandboxLedger>().SentCodes("cust-alice")[0].Code;
        await Expect(page.Locator("#phone")).ToContainTextAsync(code + " is your Voice Pay code");
        await SayAsync(code, "right code");
        await SayAsync("two four six eight", "again");
        await SayAsync("two four six eight", "voice PIN is set up");
        await Expect(alexa.Last).Not.ToContainTextAsync("2468");
    }

    [Fact]
    public async Task The_simulator_is_served_only_in_local_runs()
    {
        using var data = new TempFolder();
        await using (var local = await LocalHost.StartAsync(data.Path))
        {
            using var http = new HttpClient { BaseAddress = local.BaseAddress };
            Assert.Contains("VoicePay simulator", await http.GetStringAsync("simulator"), StringComparison.Ordinal);
            using var empty = await http.PostAsync("simulator/api/say", new StringContent("{\"text\":\"\"}", System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, empty.StatusCode);
        }

        // Without the sandbox (every deployed host) there is no simulator.
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateSlimBuilder(new Microsoft.AspNetCore.Builder.WebApplicationOptions { EnvironmentName = "Testing", ContentRootPath = AppContext.BaseDirectory, Args = ["--urls", "http://127.0.0.1:0"] });
        Microsoft.Extensions.Configuration.MemoryConfigurationBuilderExtensions.AddInMemoryCollection(builder.Configuration, new Dictionary<string, string?>
        {
            ["VoicePay:SkillId"] = Model.SkillId,
            ["VoicePay:Alexa:VerifyRequests"] = "false",
            ["VoicePay:Sandbox:Enabled"] = "false",
            ["VoicePay:Payments:BaseUrl"] = "http://127.0.0.1:9/",
            ["VoicePay:Storage:SqlitePath"] = Path.Combine(data.Path, "hosted.db"),
            ["VoicePay:Pin:Pepper"] = Composition.LocalDefaults.Pepper,
            ["VoicePay:PinKey:LocalKey"] = Composition.LocalDefaults.PinKey,
        });
        builder.Logging.ClearProviders();
        Host.HostSetup.AddVoicePayHost(builder);
        await using var hosted = builder.Build();
        Host.HostSetup.MapVoicePayHost(hosted);
        await hosted.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(hosted.Urls.First()) };
        using var response = await client.GetAsync("simulator");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        await hosted.StopAsync();
    }
}
