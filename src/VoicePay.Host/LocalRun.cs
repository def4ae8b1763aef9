using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using VoicePay.Alexa.Apis.ProactiveEvents;
using VoicePay.Composition;
using VoicePay.Composition.Options;
using VoicePay.Payments;
using VoicePay.Sandbox;
using VoicePay.Sandbox.Amazon;
using VoicePay.Skill.Alerts;
using VoicePay.Skill.Pipeline;
using VoicePay.Skill.Security;

namespace VoicePay.Host;

/// <summary>
/// The local run (the sandbox bank served in the host): one data folder shared with the CLI, one
/// address written in one place. What configuration leaves unset is derived here: the SQLite files
/// in <see cref="LocalDefaults.DataFolder"/>, and the payments base URL from the host's own
/// listening address, so changing the port (<c>--urls</c>) cannot leave the bank on another one.
/// </summary>
public static class LocalRun
{
    /// <summary><c>VoicePay:Local:DataFolder</c>; a local run writes the folder it chose back here for the banner and host.json.</summary>
    public static readonly string DataFolderKey = HostOptions.Key<LocalOptions>(nameof(LocalOptions.DataFolder));

    private static readonly string SkillIdKey = VoicePayOptions.Key<SkillOptions>(nameof(SkillOptions.SkillId));
    private static readonly string PepperKey = VoicePayOptions.Key<PinOptions>(nameof(PinOptions.Pepper));
    private static readonly string PinKeyKey = VoicePayOptions.Key<PinKeyOptions>(nameof(PinKeyOptions.LocalKey));
    private static readonly string UserStateKey = VoicePayOptions.Key<StorageOptions>(nameof(StorageOptions.SqlitePath));
    private static readonly string SandboxBankKey = HostOptions.Key<SandboxOptions>(nameof(SandboxOptions.SqlitePath));
    private static readonly string BankUrlKey = VoicePayOptions.Key<PaymentsClientOptions>(nameof(PaymentsClientOptions.BaseUrl));

    /// <summary>Fills in the local settings that configuration leaves unset. Call before anything reads them.</summary>
    public static void Prepare(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var explicitFolder = HostOptions.Read<LocalOptions>(configuration).DataFolder;
        var folder = LocalDefaults.DataFolder(explicitFolder);
        var derived = new Dictionary<string, string?>();
        SetIfMissing(configuration, derived, SkillIdKey, LocalDefaults.SkillId);
        SetIfMissing(configuration, derived, PepperKey, LocalDefaults.Pepper);
        SetIfMissing(configuration, derived, PinKeyKey, LocalDefaults.PinKey);
        SetIfMissing(configuration, derived, UserStateKey, LocalDefaults.UserStatePath(folder));
        SetIfMissing(configuration, derived, SandboxBankKey, LocalDefaults.SandboxBankPath(folder));

        // The simulator's and events/*.json's apiEndpoint is Amazon's: a local run never calls out to it.
        SetIfMissing(configuration, derived, VoicePayOptions.Key<Skill.Progress.ProgressiveResponseOptions>(nameof(Skill.Progress.ProgressiveResponseOptions.Enabled)), "false");

        // The folder is announced (banner, host.json) only when this run keeps its state there.
        var usesFolder = derived.ContainsKey(UserStateKey) || derived.ContainsKey(SandboxBankKey) || !string.IsNullOrEmpty(explicitFolder);
        derived[DataFolderKey] = usesFolder ? folder : null;

        var urls = builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey);
        if (string.IsNullOrEmpty(urls))
        {
            builder.WebHost.UseUrls(LocalDefaults.HostUrl);
        }

        if (string.IsNullOrEmpty(configuration[BankUrlKey]))
        {
            var listen = ListeningUrl(urls);
            builder.WebHost.UseUrls(listen.AbsoluteUri.TrimEnd('/'));
            derived[BankUrlKey] = new Uri(BankHost(listen), "sandbox/").AbsoluteUri;
            if (HostSetup.ServesLocalTools(HostOptions.Read<AlexaOptions>(configuration).VerifyRequests))
            {
                // A verifying host serves no stand-in for Amazon's APIs: the job is left as configured (off by default).
                AlertsOnThisHost(configuration, derived, BankHost(listen));
            }
        }

        configuration.AddInMemoryCollection(derived);

        // A port in use is explained in one line by StartOrExplainAsync; the generic host would log it with a stack trace first.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
    }

    /// <summary>
    /// The alert job runs in the local host against the sandbox bank's feed and the host's own stand-in for Login with
    /// Amazon and the Proactive Events API (<c>/sandbox/amazon</c>), so a raised bank event becomes a notification a
    /// developer can read (<c>GET /sandbox/amazon/notifications</c>) and an alert the demo person hears after the PIN.
    /// </summary>
    private static void AlertsOnThisHost(ConfigurationManager configuration, Dictionary<string, string?> derived, Uri host)
    {
        var amazon = new Uri(host, "sandbox/amazon/");
        SetIfMissing(configuration, derived, VoicePayOptions.Key<AlertDeliveryOptions>(nameof(AlertDeliveryOptions.Enabled)), "true");
        SetIfMissing(configuration, derived, VoicePayOptions.Key<AlertDeliveryOptions>(nameof(AlertDeliveryOptions.Interval)), "00:00:05");
        SetIfMissing(configuration, derived, VoicePayOptions.Key<BankEventFeedOptions>(nameof(BankEventFeedOptions.ServiceKey), VoicePayOptions.AlertJob), SandboxBankOptions.DefaultServiceKey);
        SetIfMissing(configuration, derived, VoicePayOptions.Key<ProactiveEventsOptions>(nameof(ProactiveEventsOptions.ClientId), VoicePayOptions.AlertJob), LocalAlexaNotifications.ClientId);
        SetIfMissing(configuration, derived, VoicePayOptions.Key<ProactiveEventsOptions>(nameof(ProactiveEventsOptions.ClientSecret), VoicePayOptions.AlertJob), LocalAlexaNotifications.ClientSecret);
        SetIfMissing(configuration, derived, VoicePayOptions.Key<ProactiveEventsOptions>(nameof(ProactiveEventsOptions.TokenEndpoint), VoicePayOptions.AlertJob), new Uri(amazon, "auth/o2/token").AbsoluteUri);
        SetIfMissing(configuration, derived, VoicePayOptions.Key<ProactiveEventsOptions>(nameof(ProactiveEventsOptions.Endpoint), VoicePayOptions.AlertJob), amazon.AbsoluteUri);
    }

    /// <summary>
    /// The first configured address (<see cref="LocalDefaults.HostUrl"/> when none), with port 0
    /// replaced by a free port now: the payments client must know the port before the host starts.
    /// </summary>
    public static Uri ListeningUrl(string? configuredUrls)
    {
        var first = (configuredUrls ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        var text = (first ?? LocalDefaults.HostUrl)
            .Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://*", "://127.0.0.1", StringComparison.Ordinal);
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new InvalidOperationException($"The host address '{first}' is not an http(s) URL such as {LocalDefaults.HostUrl}.");
        }

        return uri.Port == 0 ? new UriBuilder(uri) { Port = FreePort(uri.Host) }.Uri : uri;
    }

    /// <summary>The host calls its own /sandbox over loopback, whatever name it listens under.</summary>
    private static Uri BankHost(Uri listen)
    {
        var host = listen.Host is "0.0.0.0" or "localhost" ? "127.0.0.1" : listen.Host == "[::]" ? "[::1]" : listen.Host;
        return new UriBuilder(listen) { Host = host, Path = "/" }.Uri;
    }

    private static int FreePort(string host)
    {
        var address = IPAddress.TryParse(host.Trim('[', ']'), out var ip) ? ip : IPAddress.Loopback;
        using var listener = new TcpListener(address, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void SetIfMissing(ConfigurationManager configuration, Dictionary<string, string?> derived, string key, string value)
    {
        if (string.IsNullOrEmpty(configuration[key]))
        {
            derived[key] = value;
        }
    }

    /// <summary>
    /// Once listening: records the address in the data folder (so <c>voicepay send</c> and
    /// <c>voicepay chat --endpoint</c> find this host) and removes it on the way out.
    /// </summary>
    public static void Announce(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var folder = app.Services.GetRequiredService<IOptions<LocalOptions>>().Value.DataFolder;
        if (string.IsNullOrEmpty(folder))
        {
            return;
        }

        var hostFile = LocalDefaults.HostFilePath(folder);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
            if (address is not null)
            {
                Directory.CreateDirectory(folder);
                File.WriteAllText(hostFile, string.Create(CultureInfo.InvariantCulture, $"{address.TrimEnd('/')}\n{Environment.ProcessId}\n"));
            }
        });
        app.Lifetime.ApplicationStopping.Register(() =>
        {
            try
            {
                File.Delete(hostFile);
            }
            catch (IOException)
            {
                // Left behind: the CLI checks /health before trusting it.
            }
        });
    }

    /// <summary>
    /// Starts the host. A port already in use is a user mistake, not a crash: one line on
    /// <paramref name="error"/> with a hint, and exit code 2. Returns null once listening.
    /// </summary>
    public static async Task<int?> StartOrExplainAsync(WebApplication app, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            await app.StartAsync();
            return null;
        }
        catch (Exception ex) when (ex is AddressInUseException || ex.InnerException is AddressInUseException)
        {
            var urls = app.Urls.Count > 0 ? string.Join(", ", app.Urls) : app.Configuration[WebHostDefaults.ServerUrlsKey] ?? LocalDefaults.HostUrl;
            await error.WriteLineAsync($"voicepay host: {urls} is already in use (another VoicePay host?). Stop it, or pick another port: dotnet run --project src/VoicePay.Host -- --urls http://127.0.0.1:5006");
            await app.DisposeAsync();
            return 2;
        }
    }
}
