using Microsoft.Extensions.Logging;

namespace VoicePay.Lambda;

/// <summary>How a <see cref="LambdaBootstrap"/> talks to Lambda; the defaults are right inside Lambda.</summary>
public sealed class LambdaBootstrapOptions
{
    /// <summary>The reserved variables; null reads them from the process environment.</summary>
    public LambdaEnvironment? Environment { get; set; }

    /// <summary>The clock for <see cref="ILambdaContext.RemainingTime"/> and the per-invocation token.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// How long before the deadline <see cref="ILambdaContext.CancellationToken"/> fires, so the handler can still
    /// send an answer before Lambda stops it.
    /// </summary>
    public TimeSpan CancellationMargin { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Where log lines go when <see cref="LogWriter"/> is null; null is stdout.</summary>
    public TextWriter? LogOutput { get; set; }

    /// <summary>
    /// Writes <see cref="ILambdaContext.Logger"/>'s lines and the runtime's own. Give the function the same instance
    /// (<c>AddLambdaLogger</c>) so application logs share the format, level and request ID. Null: one from the
    /// environment (<c>AWS_LAMBDA_LOG_FORMAT</c>, <c>AWS_LAMBDA_LOG_LEVEL</c>) over <see cref="LogOutput"/>.
    /// </summary>
    public LambdaLogWriter? LogWriter { get; set; }

    /// <summary>The runtime's own log lines (errors, init failures); null writes them through the log writer.</summary>
    public ILogger? RuntimeLogger { get; set; }
}
