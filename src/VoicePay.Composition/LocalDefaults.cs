using VoicePay.Composition.Options;
using VoicePay.Payments;
using VoicePay.Skill.Pipeline;
using VoicePay.Skill.Security;
using VoicePay.Skill.State;

namespace VoicePay.Composition;

/// <summary>
/// Settings for running on a developer machine against the embedded sandbox bank and SQLite.
/// The pepper and the PIN key here are public and for local use only: the Lambda reads its pepper from SSM and
/// MACs PINs with a key in KMS.
/// </summary>
public static class LocalDefaults
{
    public const string SkillId = "amzn1.ask.skill.00000000-0000-0000-0000-000000000000";
    public const string DemoUserId = "amzn1.ask.account.TESTUSER";
    public const string DemoPin = "1234";

    /// <summary>The sandbox bank's customer behind the demo person's token (src/VoicePay.Sandbox/Seed).</summary>
    public const string DemoCustomerId = "cust-alice";
    public const string Pepper = "bG9jYWwtZGV2ZWxvcG1lbnQtcGVwcGVyLW5vdC1hLXNlY3JldA==";

    /// <summary>The local PIN key (public, local use only): the Lambda's is in KMS and never leaves it.</summary>
    public const string PinKey = "bG9jYWwtZGV2ZWxvcG1lbnQtcGluLWtleS1ub3QtYS1zZWNyZXQtLS0=";

    /// <summary>Where the local host listens unless told otherwise (the one place the port is written).</summary>
    public const string HostUrl = "http://127.0.0.1:5005";

    /// <summary>Names a data folder of your own; otherwise <see cref="DataFolderName"/> at the repository root.</summary>
    public const string DataFolderVariable = "VOICEPAY_HOME";

    public const string DataFolderName = ".voicepay";

    /// <summary>The user-state database in a data folder.</summary>
    public static string UserStatePath(string dataFolder) => Path.Combine(dataFolder, "voicepay.db");

    /// <summary>The sandbox bank's ledger in a data folder.</summary>
    public static string SandboxBankPath(string dataFolder) => Path.Combine(dataFolder, "sandbox-bank.db");

    /// <summary>Written by a running local host: its address, so the CLI finds it.</summary>
    public static string HostFilePath(string dataFolder) => Path.Combine(dataFolder, "host.json");

    /// <summary>
    /// The one local data folder shared by the host, the CLI and <c>voicepay invoke</c>, whatever the
    /// working directory: <paramref name="explicitFolder"/>, else <c>$VOICEPAY_HOME</c>, else
    /// <c>.voicepay/</c> beside the VoicePay.sln found upwards from the working directory, then from
    /// the program's own folder; else <c>.voicepay/</c> in the working directory.
    /// </summary>
    public static string DataFolder(string? explicitFolder = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitFolder))
        {
            return Path.GetFullPath(explicitFolder);
        }

        if (Environment.GetEnvironmentVariable(DataFolderVariable) is { Length: > 0 } fromEnvironment)
        {
            return Path.GetFullPath(fromEnvironment);
        }

        var root = FindRepositoryRoot(Environment.CurrentDirectory) ?? FindRepositoryRoot(AppContext.BaseDirectory);
        return Path.Combine(root ?? Environment.CurrentDirectory, DataFolderName);
    }

    /// <summary>The folder holding VoicePay.sln at or above <paramref name="start"/>, or null.</summary>
    public static string? FindRepositoryRoot(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "VoicePay.sln")))
            {
                return folder.FullName;
            }
        }

        return null;
    }

    /// <summary>Gives the demo person from events/*.json the demo PIN unless they already have one.</summary>
    public static async Task EnrollDemoPinAsync(VoicePinVerifier verifier, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        if (!await verifier.IsEnrolledAsync(PinHolder.Account(DemoUserId), cancellationToken) && VoicePin.TryParse(DemoPin, out var pin))
        {
            await verifier.EnrollAsync(PinHolder.Account(DemoUserId), pin, cancellationToken);
        }
    }

    /// <summary>
    /// Links the demo person to the demo customer and subscribes them to alerts unless they are linked already, as
    /// account linking and the notifications permission would in the Alexa app: a raised bank event then reaches them.
    /// </summary>
    public static async Task LinkDemoPersonAsync(Skill.Alerts.IAlertStore alerts, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        ArgumentNullException.ThrowIfNull(time);
        if (await alerts.GetLinkAsync(DemoUserId, cancellationToken) is { CustomerId: not null })
        {
            return;
        }

        await alerts.LinkAsync(DemoUserId, DemoCustomerId, time.GetUtcNow(), cancellationToken);
        await alerts.SetSubscribedAsync(DemoUserId, subscribed: true, time.GetUtcNow(), cancellationToken);
    }

    /// <summary>The local settings; user state lives in <paramref name="dataFolder"/> (default <see cref="DataFolder"/>).</summary>
    public static IReadOnlyDictionary<string, string?> Settings(Uri? paymentsBaseUrl = null, string? dataFolder = null) => new Dictionary<string, string?>
    {
        [VoicePayOptions.Key<SkillOptions>(nameof(SkillOptions.SkillId))] = SkillId,
        [VoicePayOptions.Key<StorageOptions>(nameof(StorageOptions.Provider))] = StorageProviders.Sqlite,
        [VoicePayOptions.Key<StorageOptions>(nameof(StorageOptions.SqlitePath))] = UserStatePath(dataFolder ?? DataFolder()),
        [VoicePayOptions.Key<PinOptions>(nameof(PinOptions.Pepper))] = Pepper,
        [VoicePayOptions.Key<PinKeyOptions>(nameof(PinKeyOptions.LocalKey))] = PinKey,
        [VoicePayOptions.Key<PaymentsClientOptions>(nameof(PaymentsClientOptions.BaseUrl))] = paymentsBaseUrl?.AbsoluteUri,

        // The simulator's and events/*.json's apiEndpoint is Amazon's: a local run never calls out to it.
        [VoicePayOptions.Key<Skill.Progress.ProgressiveResponseOptions>(nameof(Skill.Progress.ProgressiveResponseOptions.Enabled))] = "false",
    };
}
