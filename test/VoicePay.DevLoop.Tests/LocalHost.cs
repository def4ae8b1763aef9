using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using VoicePay.Host;

namespace VoicePay.DevLoop.Tests;

/// <summary>
/// The real host in a local run, built as Program.cs builds it, with nothing set but what a
/// developer's run sets (sandbox on, verification off, an address and a data folder): the
/// payments URL, the SQLite paths and the pepper are the host's own derivations.
/// </summary>
internal sealed class LocalHost : IAsyncDisposable
{
    private LocalHost(WebApplication app, string dataFolder)
    {
        App = app;
        DataFolder = dataFolder;
        BaseAddress = new Uri(app.Urls.First().TrimEnd('/') + "/");
    }

    public WebApplication App { get; }

    public string DataFolder { get; }

    public Uri BaseAddress { get; }

    public static WebApplication Build(string dataFolder, string url = "http://127.0.0.1:0")
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Testing",
            ContentRootPath = AppContext.BaseDirectory,
            Args = ["--urls", url],
        });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["VoicePay:Alexa:VerifyRequests"] = "false",
            ["VoicePay:Sandbox:Enabled"] = "true",
            [LocalRun.DataFolderKey] = dataFolder,
        });
        builder.AddVoicePayHost();
        var app = builder.Build();
        app.MapVoicePayHost();
        return app;
    }

    public static async Task<LocalHost> StartAsync(string dataFolder)
    {
        var app = Build(dataFolder);
        var exit = await LocalRun.StartOrExplainAsync(app, TextWriter.Null);
        Assert.Null(exit);
        return new LocalHost(app, dataFolder);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

/// <summary>A temporary data folder, removed afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("voicepay-devloop-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Still open somewhere; the OS cleans its temporary folder.
        }
    }
}
