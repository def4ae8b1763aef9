using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using VoicePay.Skill.Security;

namespace VoicePay.Function;

/// <summary>
/// The PIN pepper from an SSM Parameter Store SecureString (<see cref="PinOptions.PepperParameterName"/>), read at the
/// first check of a PIN record of the older form and kept for the life of the process. Not at init: a launch, a
/// balance or a PIN under the KMS key never needs it, and the SSM call was a third of a cold start's CPU
/// (bench/README.md). Any failure to read it is <see cref="PinMacUnavailableException"/> ("I can't check your PIN right
/// now"), tried again at the next check; the value never reaches a log or an exception.
/// </summary>
public sealed class SsmPinPepper(string parameterName, Func<IAmazonSimpleSystemsManagement> createClient) : IPinPepper, IDisposable
{
    /// <summary>How long a PIN turn waits for SSM before saying it can't check the PIN.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    private readonly SemaphoreSlim gate = new(1, 1);
    private byte[]? pepper;

    public SsmPinPepper(string parameterName)
        : this(parameterName, () => new AmazonSimpleSystemsManagementClient())
    {
    }

    public async ValueTask<byte[]> GetAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref pepper) is { } known)
        {
            return known;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            return pepper ??= await ReadAsync(cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();

    private async Task<byte[]> ReadAsync(CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(Timeout);
        try
        {
            using var ssm = createClient();
            var response = await ssm.GetParameterAsync(new GetParameterRequest { Name = parameterName, WithDecryption = true }, bounded.Token);
            return PinPepper.Parse(response.Parameter?.Value, $"SSM parameter {parameterName}");
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The type only: an SDK message can quote the request, and PinPepper's never quotes the value.
            throw new PinMacUnavailableException($"The PIN pepper could not be read from SSM ({ex.GetType().Name}: {(ex is InvalidOperationException ? ex.Message : "call failed")}).");
        }
    }
}
