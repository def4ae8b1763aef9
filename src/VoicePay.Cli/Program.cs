using VoicePay.Cli;

return await VoicePayCli.RunAsync(args, CliConsole.System, CancellationToken.None);
