using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace VoicePay.Testing.Amazon;

/// <summary>
/// AWS KMS's <c>GenerateMac</c> and <c>VerifyMac</c> as its JSON 1.1 protocol has them (AWS, "Key Management Service
/// API Reference"): <c>POST /</c>, <c>X-Amz-Target: TrentService.GenerateMac</c> or <c>TrentService.VerifyMac</c>,
/// <c>Content-Type: application/x-amz-json-1.1</c>, a well-formed SigV4 <c>Authorization</c> for the service
/// <c>kms</c> with its <c>X-Amz-Date</c>, and a body of exactly <c>KeyId</c>, <c>Message</c> (base64, 1–4,096 bytes),
/// <c>MacAlgorithm</c> and, for VerifyMac, <c>Mac</c> (base64); <c>GrantTokens</c> and <c>DryRun</c> may be there.
/// It holds one HMAC_256 key of its own. A MAC that does not match is KMS's 400 <c>KMSInvalidMacException</c>; a
/// departure from the shape is a violation answered 400 <c>ValidationException</c>. The script can fail it (5xx),
/// throttle it (400 <c>ThrottlingException</c>) or make it hang (<see cref="FakeFault.Slow"/>).
/// </summary>
public sealed partial class KmsFake(ConcurrentQueue<string> violations) : FakeApi(violations)
{
    public const string GenerateMacTarget = "TrentService.GenerateMac";
    public const string VerifyMacTarget = "TrentService.VerifyMac";
    private const string AmzJson = "application/x-amz-json-1.1";

    private readonly byte[] key = RandomNumberGenerator.GetBytes(32);

    /// <summary>The key's id; its ARN and the alias <c>alias/voicepay-pin</c> name it too.</summary>
    public string KeyId { get; } = Guid.NewGuid().ToString();

    public string KeyArn => $"arn:aws:kms:us-east-1:111122223333:key/{KeyId}";

    /// <summary>KMS's own answer to too many requests.</summary>
    public static FakeFault Throttling => new(400, ErrorType: "ThrottlingException");

    /// <summary>KMS failing inside.</summary>
    public static FakeFault InternalFailure => new(500, ErrorType: "KMSInternalException");

    /// <summary>No answer for longer than any caller waits.</summary>
    public static FakeFault Hang => FakeFault.Slow(TimeSpan.FromSeconds(30));

    /// <summary>(X-Amz-Target, status) of every request, in order.</summary>
    public ConcurrentQueue<(string Target, int Status)> Calls { get; } = new();

    public int CountOf(string target) => Calls.Count(c => c.Target == target);

    internal async Task HandleAsync(HttpContext context, string body)
    {
        var request = context.Request;
        var target = request.Headers["X-Amz-Target"].ToString();
        var problems = new List<string>();
        if (!string.Equals(request.ContentType, AmzJson, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"Content-Type must be {AmzJson}, was '{request.ContentType}'");
        }

        if (target is not (GenerateMacTarget or VerifyMacTarget))
        {
            problems.Add($"X-Amz-Target must be {GenerateMacTarget} or {VerifyMacTarget}, was '{target}'");
        }

        CheckSignature(request, problems);
        var (message, mac, keyId, algorithm) = CheckBody(body, target == VerifyMacTarget, problems);

        int status;
        object answer;
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                Violation(problem);
            }

            (status, answer) = Error(400, "ValidationException", string.Join("; ", problems));
        }
        else if (NextFault() is { } fault)
        {
            if (fault.Delay is { } delay)
            {
                try
                {
                    await Task.Delay(delay, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    Calls.Enqueue((target, 0));
                    return;
                }
            }

            (status, answer) = fault.Status is { } failed
                ? Error(failed, fault.ErrorType ?? (failed >= 500 ? "KMSInternalException" : "ThrottlingException"), "scripted failure")
                : Answer(target, message!, mac, keyId!, algorithm!);
        }
        else
        {
            (status, answer) = Answer(target, message!, mac, keyId!, algorithm!);
        }

        Requests.Enqueue(new RecordedRequest(request.Method, request.Path, request.ContentType, request.Headers.Authorization.ToString(), body, status));
        Calls.Enqueue((target, status));
        context.Response.StatusCode = status;
        context.Response.ContentType = AmzJson;
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        await context.Response.WriteAsync(JsonSerializer.Serialize(answer, KmsFakeJson.Default.DictionaryStringObject));
    }

    private (int Status, Dictionary<string, object> Body) Answer(string target, byte[] message, byte[]? mac, string keyId, string algorithm)
    {
        if (keyId != KeyId && keyId != KeyArn && keyId != "alias/voicepay-pin")
        {
            return Error(400, "NotFoundException", $"Key '{keyId}' does not exist");
        }

        // An HMAC_256 key supports only HMAC_SHA_256.
        if (algorithm != "HMAC_SHA_256")
        {
            return Error(400, "InvalidKeyUsageException", $"{algorithm} is not supported by this key");
        }

        var computed = HMACSHA256.HashData(key, message);
        if (target == GenerateMacTarget)
        {
            return (200, new() { ["KeyId"] = KeyArn, ["Mac"] = Convert.ToBase64String(computed), ["MacAlgorithm"] = algorithm });
        }

        return CryptographicOperations.FixedTimeEquals(computed, mac)
            ? (200, new() { ["KeyId"] = KeyArn, ["MacValid"] = true, ["MacAlgorithm"] = algorithm })
            : Error(400, "KMSInvalidMacException", "The MAC did not verify");
    }

    private static (int, Dictionary<string, object>) Error(int status, string type, string message) =>
        (status, new() { ["__type"] = type, ["message"] = message });

    /// <summary>SigV4 as AWS SDKs send it: the algorithm, a credential scope for kms, the signed headers (sorted, with host, x-amz-date and x-amz-target) and a hex signature.</summary>
    private static void CheckSignature(HttpRequest request, List<string> problems)
    {
        var date = request.Headers["X-Amz-Date"].ToString();
        if (!AmzDate().IsMatch(date))
        {
            problems.Add($"X-Amz-Date must be yyyyMMddTHHmmssZ, was '{date}'");
        }

        var authorization = Authorization().Match(request.Headers.Authorization.ToString());
        if (!authorization.Success)
        {
            problems.Add("Authorization must be 'AWS4-HMAC-SHA256 Credential=<key>/<yyyyMMdd>/<region>/kms/aws4_request, SignedHeaders=<a;b;c>, Signature=<64 hex>'");
            return;
        }

        if (date.Length >= 8 && authorization.Groups["date"].Value != date[..8])
        {
            problems.Add("the credential scope's date must be X-Amz-Date's");
        }

        var signed = authorization.Groups["headers"].Value.Split(';');
        if (!signed.SequenceEqual(signed.Order(StringComparer.Ordinal)))
        {
            problems.Add("SignedHeaders must be sorted");
        }

        foreach (var required in new[] { "host", "x-amz-date", "x-amz-target" })
        {
            if (!signed.Contains(required, StringComparer.Ordinal))
            {
                problems.Add($"SignedHeaders must include {required}");
            }
        }
    }

    private static (byte[]? Message, byte[]? Mac, string? KeyId, string? Algorithm) CheckBody(string body, bool verify, List<string> problems)
    {
        try
        {
            var root = JsonDocument.Parse(body).RootElement;
            var shape = new JsonShape(problems);
            string[] required = verify ? ["KeyId", "Message", "MacAlgorithm", "Mac"] : ["KeyId", "Message", "MacAlgorithm"];
            if (!shape.Object(root, "$", required, "GrantTokens", "DryRun"))
            {
                return default;
            }

            var keyId = shape.String(root, "KeyId", "$");
            var algorithm = shape.String(root, "MacAlgorithm", "$", "HMAC_SHA_224", "HMAC_SHA_256", "HMAC_SHA_384", "HMAC_SHA_512");
            var message = Blob(root, "Message", 4096, problems);
            var mac = verify ? Blob(root, "Mac", 6144, problems) : null;
            return (message, mac, keyId, algorithm);
        }
        catch (JsonException ex)
        {
            problems.Add($"the body is not JSON: {ex.Message}");
            return default;
        }
    }

    private static byte[]? Blob(JsonElement root, string name, int maxBytes, List<string> problems)
    {
        var value = root.GetProperty(name);
        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        var bytes = new byte[text?.Length ?? 0];
        if (text is null || !Convert.TryFromBase64String(text, bytes, out var length) || length < 1 || length > maxBytes)
        {
            problems.Add($"$.{name} must be base64 of 1 to {maxBytes} bytes");
            return null;
        }

        return bytes[..length];
    }

    [GeneratedRegex(@"^\d{8}T\d{6}Z$")]
    private static partial Regex AmzDate();

    [GeneratedRegex(@"^AWS4-HMAC-SHA256 Credential=[^/\s,]+/(?<date>\d{8})/[a-z0-9-]+/kms/aws4_request, ?SignedHeaders=(?<headers>[a-z0-9-]+(;[a-z0-9-]+)*), ?Signature=[0-9a-f]{64}$")]
    private static partial Regex Authorization();
}

[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, object>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(bool))]
internal sealed partial class KmsFakeJson : System.Text.Json.Serialization.JsonSerializerContext;
