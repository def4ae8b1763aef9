using VoicePay.Host;

var builder = WebApplication.CreateSlimBuilder(args);
builder.AddVoicePayHost();

var app = builder.Build();
app.MapVoicePayHost();
app.Run();

/// <summary>Visible to tests, which start the host in-process on a loopback port.</summary>
public partial class Program;
