using Spectre.Console;
using VoicePay.Composition;
using VoicePay.Sandbox.Seed;
using VoicePay.Simulator;

namespace VoicePay.Cli;

/// <summary>The chat's options; <c>Endpoint</c> null is the skill in this process, empty the running host, otherwise that URL.</summary>
internal sealed record ChatSettings(
    string DataFolder,
    string Locale,
    string? UserId,
    string? AccessToken,
    string? Endpoint,
    bool ShowJson,
    bool ShowSsml,
    FileInfo? Script,
    FileInfo? Model);

/// <summary>
/// <c>voicepay chat</c>: type what a person would say; see what Alexa understood, what it says
/// and shows. With <c>--script</c>, plays a conversation script and checks it (exit code 1 and
/// the difference when a reply falls short).
/// </summary>
internal static class ChatCommand
{
    public static async Task<int> RunAsync(CliConsole console, ChatSettings settings, CancellationToken cancellationToken)
    {
        var script = settings.Script is null ? null : LoadScript(settings.Script);
        var locale = script?.Locale ?? settings.Locale;
        var model = LoadModel(settings.Model, locale);
        var options = new SimulatorOptions
        {
            Locale = locale,
            UserId = script?.UserId ?? settings.UserId ?? LocalDefaults.DemoUserId,
            AccessToken = script?.AccessToken ?? settings.AccessToken ?? (locale == "en-GB" ? SandboxSeed.GbpToken : SandboxSeed.AliceToken),
            SkillId = LocalServices.SkillId(settings.DataFolder),
        };

        var ansi = CreateConsole(console);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
        LocalSkill? local = null;
        try
        {
            ISkillEndpoint endpoint;
            Uri bankUrl;
            if (settings.Endpoint is null)
            {
                // A script starts from the sandbox seed every time, in a temporary folder; a chat continues the shared local state.
                var folder = script is null ? settings.DataFolder : null;
                if (folder is not null)
                {
                    await HostLocator.WarnIfHostRunsAsync(console.Error, folder, cancellationToken);
                }

                await console.Error.WriteLineAsync(script is null ? $"Starting the skill in this process (local data: {folder})..." : "Starting the skill in this process on a fresh sandbox bank...");
                local = await LocalSkill.StartAsync(folder, console.Error, script?.Settings, cancellationToken);
                endpoint = new PipelineEndpoint(local.Services);
                bankUrl = local.Bank.BaseAddress;
            }
            else
            {
                if (script is { Settings.Count: > 0 })
                {
                    throw new UserErrorException($"{script.Name} sets the skill's configuration (@setting), which only a skill in this process can take: leave out --endpoint.");
                }

                var alexa = HostLocator.AlexaUrl(settings.Endpoint.Length == 0 ? null : settings.Endpoint, settings.DataFolder);
                if (!await HostLocator.IsRunningAsync(alexa, cancellationToken))
                {
                    throw new UserErrorException($"No VoicePay host answers at {new Uri(alexa, "/")}. Start one (dotnet run --project src/VoicePay.Host), or leave out --endpoint to run the skill in this process.");
                }

                endpoint = new HttpSkillEndpoint(http, alexa);
                bankUrl = HostLocator.BankUrl(alexa);
            }

            var simulator = new ConversationSimulator(model, endpoint, options);
            var view = new TurnView(ansi, settings.ShowJson, settings.ShowSsml);
            var probe = new SandboxBankProbe(http, bankUrl, options.AccessToken!);
            if (script is not null)
            {
                return await RunScriptAsync(console, script, simulator, probe, view, cancellationToken);
            }

            return await InteractiveAsync(console, ansi, simulator, endpoint, view, probe, cancellationToken);
        }
        catch (SkillEndpointException ex)
        {
            await console.Error.WriteLineAsync(ex.Message);
            return ExitCodes.Failed;
        }
        catch (HttpRequestException ex)
        {
            throw new UserErrorException($"The skill could not be reached: {ex.Message}", ex);
        }
        finally
        {
            if (local is not null)
            {
                await local.DisposeAsync();
            }
        }
    }

    private static async Task<int> RunScriptAsync(CliConsole console, ConversationScript script, ConversationSimulator simulator, IBankProbe bank, TurnView view, CancellationToken cancellationToken)
    {
        var turns = 0;
        var failure = await new ScriptRunner(simulator, bank).RunAsync(
            script,
            turn =>
            {
                turns++;
                view.Show(turn);
            },
            cancellationToken);
        if (failure is not null)
        {
            await console.Error.WriteLineAsync(failure.ToString());
            return ExitCodes.Failed;
        }

        await console.Out.WriteLineAsync($"PASSED {script.Name} ({turns} turns)");
        return ExitCodes.Ok;
    }

    private static async Task<int> InteractiveAsync(CliConsole console, IAnsiConsole ansi, ConversationSimulator simulator, ISkillEndpoint endpoint, TurnView view, SandboxBankProbe bank, CancellationToken cancellationToken)
    {
        ansi.MarkupLine($"[bold]VoicePay chat[/] with {Markup.Escape(endpoint.Name)} as {Markup.Escape(simulator.Options.UserId)} ({Markup.Escape(simulator.Options.Locale)}).");
        ansi.MarkupLine($"Say [green]open {Markup.Escape(simulator.Options.Locale == "en-GB" ? "voice pay" : "voice pay")}[/] to start. [grey]/json /ssml /state /codes /person ID /help; /quit or Ctrl+D leaves.[/]");
        while (!cancellationToken.IsCancellationRequested)
        {
            if (!console.IsInputRedirected)
            {
                ansi.Markup("[bold green]you>[/] ");
            }

            var line = await console.In.ReadLineAsync(cancellationToken);
            if (line is null || (line.Length == 0 && console.IsInputRedirected))
            {
                break;
            }

            line = line.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            // The person's phone: the last code the sandbox bank texted them (a voice PIN set-up).
            if (line == "/codes")
            {
                var code = await bank.LatestCodeAsync(cancellationToken);
                ansi.MarkupLine(code is null ? "[grey]No code has been texted to you.[/]" : $"[grey]Text message: {Markup.Escape(Sandbox.Ledger.SandboxLedger.TextOf(code))}[/]");
                continue;
            }

            // Another member of the household speaks: Alexa recognizes their voice (or nobody's) from now on.
            if (line.StartsWith("/person", StringComparison.Ordinal))
            {
                var person = line["/person".Length..].Trim();
                simulator.PersonId = person is "" or "none" ? null : person;
                ansi.MarkupLine(simulator.PersonId is null ? "[grey]Alexa recognizes nobody's voice now.[/]" : $"[grey]Alexa recognizes {Markup.Escape(simulator.PersonId)}'s voice now.[/]");
                continue;
            }

            if (line.StartsWith('/'))
            {
                if (!view.Command(line, simulator))
                {
                    break;
                }

                continue;
            }

            var turn = await simulator.SayAsync(line, cancellationToken);
            view.Show(turn);
        }

        return ExitCodes.Ok;
    }

    private static ConversationScript LoadScript(FileInfo file)
    {
        if (!file.Exists)
        {
            throw new UserErrorException($"No such script: {file.FullName}");
        }

        try
        {
            var relative = Path.GetRelativePath(Environment.CurrentDirectory, file.FullName);
            return ConversationScript.Parse(File.ReadAllText(file.FullName), relative.StartsWith("..", StringComparison.Ordinal) ? file.FullName : relative);
        }
        catch (ScriptFormatException ex)
        {
            throw new UserErrorException(ex.Message, ex);
        }
    }

    private static InteractionModel LoadModel(FileInfo? file, string locale)
    {
        var path = file?.FullName;
        if (path is null)
        {
            var root = LocalDefaults.FindRepositoryRoot(Environment.CurrentDirectory) ?? LocalDefaults.FindRepositoryRoot(AppContext.BaseDirectory)
                ?? throw new UserErrorException("Cannot find the repository (VoicePay.sln) for skill-package/; run inside it or name the model with --model FILE.");
            path = InteractionModel.PathFor(root, locale);
        }

        if (!File.Exists(path))
        {
            var known = Directory.Exists(Path.GetDirectoryName(path)) ? string.Join(", ", Directory.GetFiles(Path.GetDirectoryName(path)!, "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)) : "none";
            throw new UserErrorException($"No interaction model for {locale} at {path} (locales: {known}).");
        }

        try
        {
            return InteractionModel.Load(path);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new UserErrorException($"{path} is not an interaction model: {ex.Message}", ex);
        }
    }

    private static IAnsiConsole CreateConsole(CliConsole console)
    {
        var interactive = ReferenceEquals(console.Out, Console.Out) && !Console.IsOutputRedirected;
        var ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(console.Out),
        });
        if (!interactive)
        {
            // Redirected output (a file, CI, a test) is never wrapped.
            ansi.Profile.Width = 10_000;
        }

        return ansi;
    }
}

/// <summary>How a turn looks in the terminal.</summary>
internal sealed class TurnView(IAnsiConsole ansi, bool showJson, bool showSsml)
{
    private bool json = showJson;
    private bool ssml = showSsml;

    public void Show(Turn turn)
    {
        ansi.MarkupLine($"[grey]  you said: {Markup.Escape(turn.Utterance)}  →  heard: {Markup.Escape(turn.Heard)}[/]");
        foreach (var note in turn.Notes)
        {
            ansi.MarkupLine($"[yellow]  note: {Markup.Escape(note)}[/]");
        }

        if (json)
        {
            foreach (var exchange in turn.Exchanges)
            {
                ansi.MarkupLine("[grey]  request:[/]");
                ansi.WriteLine(Json.Pretty(exchange.RequestJson));
                ansi.MarkupLine("[grey]  response:[/]");
                ansi.WriteLine(Json.Pretty(exchange.ResponseJson));
            }
        }

        foreach (var prompt in turn.DialogPrompts)
        {
            ansi.MarkupLine($"[bold cyan]Alexa:[/] {Markup.Escape(prompt)} [grey](dialog model)[/]");
        }

        if (turn.Response is { } response && response.Response.OutputSpeech is not null)
        {
            ansi.MarkupLine($"[bold cyan]Alexa:[/] {Markup.Escape(Simulator.ReplyText.Plain(response.Response.OutputSpeech))}");
            if (ssml)
            {
                ansi.MarkupLine($"[grey]  ssml: {Markup.Escape(turn.Ssml)}[/]");
            }
        }

        if (turn.Reprompt is { } reprompt)
        {
            ansi.MarkupLine($"[grey]  (if you say nothing: {Markup.Escape(reprompt)})[/]");
        }

        if (turn.Card is { } card)
        {
            ansi.MarkupLine($"[magenta]  card:[/] {Markup.Escape(card.ReplaceLineEndings(" / "))}");
        }

        foreach (var directive in turn.Directives)
        {
            ansi.MarkupLine($"[grey]  directive: {Markup.Escape(directive)}[/]");
        }

        if (turn.SessionEnded)
        {
            ansi.MarkupLine("[grey]  (the session has ended; say \"open voice pay\" to start again)[/]");
        }
    }

    /// <summary>A /command typed in the chat. False to leave.</summary>
    public bool Command(string line, ConversationSimulator simulator)
    {
        switch (line)
        {
            case "/quit" or "/exit":
                return false;
            case "/json":
                json = !json;
                ansi.MarkupLine($"[grey]request and response JSON {(json ? "on" : "off")}[/]");
                break;
            case "/ssml":
                ssml = !ssml;
                ansi.MarkupLine($"[grey]SSML {(ssml ? "on" : "off")}[/]");
                break;
            case "/state":
                ansi.MarkupLine($"[grey]session: {Markup.Escape(simulator.SessionId ?? "(none)")}[/]");
                ansi.MarkupLine($"[grey]dialog: {Markup.Escape(simulator.DialogDescription ?? "(none)")}[/]");
                ansi.MarkupLine($"[grey]attributes: {Markup.Escape(simulator.Attributes is { Count: > 0 } a ? string.Join(", ", a.Select(p => $"{p.Key}={p.Value}")) : "(none)")}[/]");
                break;
            default:
                ansi.MarkupLine("[grey]/json toggles request and response JSON, /ssml the SSML, /state shows the session and dialog, /codes the last code the bank texted you, /person ID (or none) whose voice Alexa recognizes, /quit leaves.[/]");
                break;
        }

        return true;
    }
}
