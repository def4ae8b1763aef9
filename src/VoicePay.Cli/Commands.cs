using System.CommandLine;

namespace VoicePay.Cli;

internal static class Commands
{
    public static Command Invoke()
    {
        var file = new Argument<FileInfo>("event") { Description = "An Alexa request envelope, e.g. events/launch.json" };
        var command = new Command("invoke", "Run one event through the skill in this process, on the embedded sandbox bank and SQLite, and print Alexa's answer.") { file };
        command.SetAction((result, cancellationToken) => LocalRun.InvokeAsync(result.GetRequiredValue(file), cancellationToken));
        return command;
    }

    public static Command Send()
    {
        var file = new Argument<FileInfo>("event") { Description = "An Alexa request envelope, e.g. events/check-balance.json" };
        var url = new Option<Uri>("--url")
        {
            Description = "The skill's HTTP endpoint",
            DefaultValueFactory = _ => new Uri("http://127.0.0.1:5005/alexa"),
        };
        var command = new Command("send", "POST an event to a running VoicePay host (dotnet run --project src/VoicePay.Host) and print the answer.") { file, url };
        command.SetAction((result, cancellationToken) => RemoteRun.SendAsync(result.GetRequiredValue(file), result.GetRequiredValue(url), cancellationToken));
        return command;
    }

    public static Command Pin()
    {
        var user = new Option<string>("--user") { Description = "The Alexa user ID (amzn1.ask.account...)", Required = true };
        var set = new Command("set", "Enrol or replace a voice PIN (read from standard input, never from the command line) and clear any lock.") { user };
        set.SetAction((result, cancellationToken) => PinCommands.SetAsync(result.GetRequiredValue(user), cancellationToken));
        return new Command("pin", "Manage voice PINs in the configured user-state store.") { set };
    }
}
