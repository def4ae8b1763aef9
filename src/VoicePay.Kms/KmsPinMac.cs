using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Amazon.Runtime;
using VoicePay.Skill.Security;

namespace VoicePay.Kms;

/// <summary>
/// The PIN key in AWS KMS: an HMAC key (key spec HMAC_256, key usage GENERATE_VERIFY_MAC) used through
/// <c>GenerateMac</c> at enrolment and <c>VerifyMac</c> at every attempt. The MAC is never fetched and compared
/// here: KMS decides, so the key never leaves its HSM and every guess is an audited, rate-limited call.
/// Only <c>KMSInvalidMacException</c> is a wrong PIN; any other failure (5xx, throttling, access, a disabled key, no
/// answer within <see cref="PinKeyOptions.KmsTimeout"/>) is <see cref="PinMacUnavailableException"/>.
/// The AWS SDK's KMS package is used (like DynamoDB's): it is trimmable and AOT-clean, and signs with SigV4.
/// </summary>
public sealed class KmsPinMac : IPinMac, IDisposable
{
    public const string AlgorithmName = "hmac-sha256-kms";

    // Built at the first call, inside its error handling: a client that cannot be built (no region) is a PIN that
    // can't be checked right now, not a service graph that fails to resolve; a failed build is tried again next call.
    private readonly Lazy<AmazonKeyManagementServiceClient> client;
    private readonly string keyId;
    private readonly TimeSpan timeout;

    public KmsPinMac(PinKeyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.KmsKeyId);
        keyId = options.KmsKeyId;
        timeout = options.KmsTimeout;
        client = new(() => CreateClient(options), LazyThreadSafetyMode.PublicationOnly);
    }

    public string Algorithm => AlgorithmName;

    public async Task<byte[]> GenerateMacAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        var response = await CallAsync(
            "GenerateMac",
            token => client.Value.GenerateMacAsync(new GenerateMacRequest { KeyId = keyId, Message = Stream(message), MacAlgorithm = MacAlgorithmSpec.HMAC_SHA_256 }, token),
            cancellationToken);
        return response?.Mac is { Length: > 0 } mac ? mac.ToArray() : throw new PinMacUnavailableException("KMS GenerateMac answered without a MAC.");
    }

    public async Task<bool> VerifyMacAsync(ReadOnlyMemory<byte> message, ReadOnlyMemory<byte> mac, CancellationToken cancellationToken)
    {
        try
        {
            var response = await CallAsync(
                "VerifyMac",
                token => client.Value.VerifyMacAsync(new VerifyMacRequest { KeyId = keyId, Message = Stream(message), Mac = Stream(mac), MacAlgorithm = MacAlgorithmSpec.HMAC_SHA_256 }, token),
                cancellationToken);
            return response?.MacValid == true;
        }
        catch (KMSInvalidMacException)
        {
            // KMS's documented answer to a MAC that does not match: a wrong PIN.
            return false;
        }
    }

    public void Dispose()
    {
        if (client.IsValueCreated)
        {
            client.Value.Dispose();
        }
    }

    private async Task<T> CallAsync<T>(string operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        // The SDK's own timeout bounds one attempt; this bounds the attempt, the retry and the backoff between them.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            return await call(deadline.Token).ConfigureAwait(false);
        }
        catch (KMSInvalidMacException)
        {
            throw;
        }
        catch (AmazonServiceException ex)
        {
            throw new PinMacUnavailableException($"KMS {operation} answered {(int)ex.StatusCode} {ex.ErrorCode}", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PinMacUnavailableException($"KMS {operation} did not answer within {timeout}", ex);
        }
        catch (Exception ex) when (ex is AmazonClientException or HttpRequestException or IOException)
        {
            throw new PinMacUnavailableException($"KMS {operation} could not be reached ({ex.GetType().Name})", ex);
        }
    }

    private static MemoryStream Stream(ReadOnlyMemory<byte> bytes) => new(bytes.ToArray(), writable: false);

    private static AmazonKeyManagementServiceClient CreateClient(PinKeyOptions options)
    {
        var config = new AmazonKeyManagementServiceConfig
        {
            Timeout = options.KmsTimeout,
            // One retry (throttling, a 5xx): Alexa waits 8 s for the whole turn, and each try is one more audited guess.
            MaxErrorRetry = 1,
        };
        if (options.KmsServiceUrl is null)
        {
            return new AmazonKeyManagementServiceClient(config);
        }

        // A local fake (tests): real credentials must not be sent to it.
        config.ServiceURL = options.KmsServiceUrl.AbsoluteUri;
        config.AuthenticationRegion = "us-east-1";
        return new AmazonKeyManagementServiceClient(new BasicAWSCredentials("local", "local"), config);
    }
}
