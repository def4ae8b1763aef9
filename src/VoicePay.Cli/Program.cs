using System.CommandLine;
using VoicePay.Cli;

var root = new RootCommand("VoicePay developer tools: run Alexa events through the skill, and manage voice PINs.")
{
    Commands.Invoke(),
    Commands.Send(),
    Commands.Pin(),
};
return await root.Parse(args).InvokeAsync();
