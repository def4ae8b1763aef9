using System.CommandLine;
using VoicePay.Composition;

namespace VoicePay.Cli;

/// <summary>
/// The developer CLI. Every user mistake (a bad option, a missing file, no host where one is
/// needed) is one line on stderr and exit code 2; nothing a person types prints a stack trace.
/// </summary>
public static class VoicePayCli
{
    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        var data = new Option<string?>("--data")
        {
            Description = $"The local data folder (default: ${LocalDefaults.DataFolderVariable}, else {LocalDefaults.DataFolderName}/ at the repository root)",
            Recursive = true,
        };

        var root = new RootCommand("VoicePay developer tools: talk to the skill (chat), run Alexa events through it (invoke, send), manage voice PINs and the local demo state.")
        {
            data,
            Chat(console, data),
            Invoke(console, data),
            Send(console, data),
            Pin(console, data),
            Reset(console, data),
            Bank(console, data),
        };

        // Bare "voicepay" shows what there is to do.
        var parsed = root.Parse(args.Length == 0 ? ["--help"] : args);
        var wantsHelp = args.Any(a => a is "-h" or "--help" or "-?" or "/?");
        if (parsed.Errors.Count > 0 && !wantsHelp)
        {
            var first = parsed.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? parsed.Errors[0];
            await console.Error.WriteLineAsync($"voicepay: {first.Message} (voicepay --help lists commands and options)");
            return ExitCodes.UserError;
        }

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false }, cancellationToken);
        }
        catch (UserErrorException ex)
        {
            await console.Error.WriteLineAsync($"voicepay: {ex.Message}");
            return ExitCodes.UserError;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return 130;
        }
        catch (Exception ex) when (Environment.GetEnvironmentVariable("VOICEPAY_DEBUG") is null)
        {
            await console.Error.WriteLineAsync($"voicepay: unexpected {ex.GetType().Name}: {ex.Message} (set VOICEPAY_DEBUG=1 for the stack trace)");
            return ExitCodes.Failed;
        }
    }

    private static string DataFolder(ParseResult result, Option<string?> data) => LocalDefaults.DataFolder(result.GetValue(data));

    private static Command Chat(CliConsole console, Option<string?> data)
    {
        var locale = new Option<string>("--locale") { Description = "en-US or en-GB: the interaction model and the speech", DefaultValueFactory = _ => "en-US" };
        var user = new Option<string?>("--user") { Description = $"The Alexa user ID (default {LocalDefaults.DemoUserId}, the demo person with PIN {LocalDefaults.DemoPin})" };
        var token = new Option<string?>("--token") { Description = "The account-linking token (default: the sandbox bank's demo customer for the locale)" };
        var endpoint = new Option<string?>("--endpoint")
        {
            Description = "Talk to a running host instead of the skill in this process; alone, finds the local host, or give its URL",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var showJson = new Option<bool>("--show-json") { Description = "Print each request and response envelope" };
        var ssml = new Option<bool>("--ssml") { Description = "Print the SSML as well as the words" };
        var script = new Option<FileInfo?>("--script") { Description = "Play a conversation script (test/conversations/*.chat) and check it; exit code 1 on a mismatch" };
        var model = new Option<FileInfo?>("--model") { Description = "The interaction model JSON (default: skill-package/interactionModels/custom/<locale>.json)" };
        var command = new Command("chat", "Talk to the skill as a person would, offline: \"open voice pay\", \"send twenty dollars to alice\", \"yes\", \"one two three four\".")
        {
            locale, user, token, endpoint, showJson, ssml, script, model,
        };
        command.SetAction((result, cancellationToken) =>
        {
            var endpointValue = result.GetResult(endpoint) is null ? null : result.GetValue(endpoint) ?? string.Empty;
            return ChatCommand.RunAsync(
                console,
                new ChatSettings(DataFolder(result, data), result.GetValue(locale)!, result.GetValue(user), result.GetValue(token), endpointValue, result.GetValue(showJson), result.GetValue(ssml), result.GetValue(script), result.GetValue(model)),
                cancellationToken);
        });
        return command;
    }

    private static Command Invoke(CliConsole console, Option<string?> data)
    {
        var file = new Argument<FileInfo>("event") { Description = "An Alexa request envelope, e.g. events/launch.json" };
        var runtimeApi = new Option<bool>("--runtime-api") { Description = "Run the published Native AOT bootstrap against a local Lambda Runtime API instead of the skill in this process" };
        var bootstrap = new Option<string?>("--bootstrap") { Description = "The bootstrap for --runtime-api, built for local runs with -p:VoicePaySqlite=true (default: $VOICEPAY_BOOTSTRAP_LOCAL, else artifacts/aot-bootstrap-local/bootstrap)" };
        var command = new Command("invoke", "Run one event through the skill, on the local sandbox bank and user state, and print Alexa's answer.") { file, runtimeApi, bootstrap };
        command.SetAction((result, cancellationToken) => result.GetValue(runtimeApi)
            ? RuntimeApiRun.InvokeAsync(console, DataFolder(result, data), result.GetRequiredValue(file), result.GetValue(bootstrap) ?? RuntimeApiRun.DefaultBootstrap(), cancellationToken)
            : StateCommands.InvokeAsync(console, DataFolder(result, data), result.GetRequiredValue(file), cancellationToken));
        return command;
    }

    private static Command Send(CliConsole console, Option<string?> data)
    {
        var file = new Argument<FileInfo>("event") { Description = "An Alexa request envelope, e.g. events/launch.json" };
        var url = new Option<string?>("--url") { Description = $"The skill's endpoint (default: the running local host, else {LocalDefaults.HostUrl}/alexa)" };
        var command = new Command("send", "POST an event to a running VoicePay host and print the answer.") { file, url };
        command.SetAction((result, cancellationToken) => StateCommands.SendAsync(console, DataFolder(result, data), result.GetRequiredValue(file), result.GetValue(url), cancellationToken));
        return command;
    }

    private static Command Pin(CliConsole console, Option<string?> data)
    {
        var user = new Option<string>("--user") { Description = "The Alexa user ID (amzn1.ask.account...)", Required = true };
        var person = new Option<string?>("--person") { Description = "A recognized person's own PIN on that account (amzn1.ask.person...); without it, the account's" };
        var set = new Command("set", "Enrol or replace a voice PIN (read from standard input, never from the command line) and clear any lock.") { user, person };
        set.SetAction((result, cancellationToken) => PinCommands.SetAsync(console, DataFolder(result, data), result.GetValue(user), result.GetValue(person), cancellationToken));
        var reset = new Command("reset", "Clear the failed attempts and the lock; the PIN stays.") { user, person };
        reset.SetAction((result, cancellationToken) => PinCommands.ResetAsync(console, DataFolder(result, data), result.GetValue(user), result.GetValue(person), cancellationToken));
        var status = new Command("status", "Whether a voice PIN is set, and how many attempts are left.") { user, person };
        status.SetAction((result, cancellationToken) => PinCommands.StatusAsync(console, DataFolder(result, data), result.GetValue(user), result.GetValue(person), cancellationToken));
        return new Command("pin", "Manage voice PINs in the local user-state store, the one the local host uses (safe while it runs).") { set, reset, status };
    }

    private static Command Bank(CliConsole console, Option<string?> data)
    {
        var url = new Option<string?>("--url") { Description = "The running host (default: the one recorded in the local data folder)", Recursive = true };
        var kind = new Argument<string>("kind") { Description = "money_received, payment_sent, large_debit, suspected_fraud or low_balance" };
        var customer = new Option<string?>("--customer") { Description = "The sandbox customer ID (default cust-alice; cust-oliver is en-GB)" };
        var amount = new Option<string?>("--amount") { Description = "The amount, e.g. 950.00 (default: per kind; the balance for low_balance)" };
        var counterparty = new Option<string?>("--counterparty") { Description = "Who paid, was paid, or the merchant (default: per kind)" };
        var account = new Option<string?>("--account") { Description = "The account ID (default: the customer's first account)" };
        var raise = new Command("event", "Raise one account event in the running host's sandbox bank and print its id (e.g. voicepay bank event suspected_fraud).")
        {
            kind, customer, amount, counterparty, account,
        };
        raise.SetAction((result, cancellationToken) => BankCommands.RaiseAsync(
            console,
            DataFolder(result, data),
            new RaiseSettings(result.GetRequiredValue(kind), result.GetValue(customer), result.GetValue(amount), result.GetValue(counterparty), result.GetValue(account), result.GetValue(url)),
            cancellationToken));

        var after = new Option<string?>("--after") { Description = "A cursor an earlier listing printed (default: from the start)" };
        var limit = new Option<int>("--limit") { Description = "How many events at most", DefaultValueFactory = _ => 50 };
        var list = new Command("events", "List the sandbox bank's account-event feed, read with the service key as the skill reads it.") { after, limit };
        list.SetAction((result, cancellationToken) => BankCommands.ListAsync(console, DataFolder(result, data), result.GetValue(after), result.GetValue(limit), result.GetValue(url), cancellationToken));
        var codeCustomer = new Option<string?>("--customer") { Description = "Only this sandbox customer's texts (e.g. cust-alice)" };
        var codes = new Command("codes", "List the verification codes the running host's sandbox bank texted (its outbox), newest first.") { codeCustomer };
        codes.SetAction((result, cancellationToken) => CodeCommands.ListAsync(console, DataFolder(result, data), result.GetValue(codeCustomer), result.GetValue(url), cancellationToken));
        return new Command("bank", "The local sandbox bank: raise an account event, read the feed, or read the texts it sent.") { url, raise, list, codes };
    }

    private static Command Reset(CliConsole console, Option<string?> data)
    {
        var command = new Command("reset", "Wipe the local demo state (voice PINs, conversations, the sandbox ledger); the next run starts from the seed.");
        command.SetAction((result, cancellationToken) => StateCommands.ResetAsync(console, DataFolder(result, data), cancellationToken));
        return command;
    }
}
