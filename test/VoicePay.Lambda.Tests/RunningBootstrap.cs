namespace VoicePay.Lambda.Tests;

/// <summary>A bootstrap looping against an emulator for the length of a test.</summary>
public sealed class RunningBootstrap : IAsyncDisposable
{
    /// <summary>Guards awaits on the loop; a passing test never comes near it.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource _stop = new();
    private readonly LambdaBootstrap _bootstrap;

    private RunningBootstrap(LambdaBootstrap bootstrap, StringWriter output)
    {
        _bootstrap = bootstrap;
        Output = output;
        Run = Task.Run(() => _bootstrap.RunAsync(_stop.Token));
    }

    public Task Run { get; }

    /// <summary>What the function and the runtime wrote to "stdout".</summary>
    public StringWriter Output { get; }

    /// <summary>The reserved variables for <paramref name="emulator"/>, plus <paramref name="variables"/> (AWS_LAMBDA_LOG_FORMAT, AWS_LAMBDA_LOG_LEVEL) or overrides.</summary>
    public static LambdaEnvironment Environment(RuntimeApiEmulator emulator, IReadOnlyDictionary<string, string>? variables = null) =>
        LambdaEnvironment.FromVariables(name => variables?.GetValueOrDefault(name) ?? name switch
        {
            "AWS_LAMBDA_RUNTIME_API" => emulator.RuntimeApi,
            "AWS_LAMBDA_FUNCTION_NAME" => "voicepay",
            "AWS_LAMBDA_FUNCTION_VERSION" => "7",
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE" => "512",
            "AWS_LAMBDA_LOG_GROUP_NAME" => "/aws/lambda/voicepay",
            "AWS_LAMBDA_LOG_STREAM_NAME" => "2026/11/25/[7]abcdef",
            _ => null,
        });

    public static RunningBootstrap Start(
        LambdaBootstrapBuilder builder,
        RuntimeApiEmulator emulator,
        TimeSpan? margin = null,
        IReadOnlyDictionary<string, string>? variables = null,
        StringWriter? output = null)
    {
        output ??= new StringWriter();
        var bootstrap = builder.ConfigureOptions(options =>
        {
            options.Environment = Environment(emulator, variables);
            options.TimeProvider = emulator.TimeProvider;
            options.LogOutput = TextWriter.Synchronized(output);
            options.CancellationMargin = margin ?? options.CancellationMargin;
        }).Build();
        return new RunningBootstrap(bootstrap, output);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Run.WaitAsync(Patience);
        }
        catch (Exception) when (Run.IsFaulted)
        {
            // Start-up failure tests observe the fault themselves.
        }
        finally
        {
            _bootstrap.Dispose();
            _stop.Dispose();
        }
    }
}
