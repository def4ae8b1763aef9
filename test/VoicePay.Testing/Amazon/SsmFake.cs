using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace VoicePay.Testing.Amazon;

/// <summary>
/// AWS Systems Manager's <c>GetParameter</c> as its JSON 1.1 protocol has it (AWS, "Systems Manager API Reference"):
/// <c>POST /</c>, <c>X-Amz-Target: AmazonSSM.GetParameter</c>, <c>Content-Type: application/x-amz-json-1.1</c>, a
/// well-formed SigV4 <c>Authorization</c> for the service <c>ssm</c>, and a body of <c>Name</c> and optionally
/// <c>WithDecryption</c>. A SecureString asked for without decryption comes back encrypted (not its value), as SSM
/// does; an unknown name is 400 <c>ParameterNotFound</c>. Faults can be scripted as for every fake.
/// </summary>
public sealed partial class SsmFake(ConcurrentQueue<string> violations) : FakeApi(violations)
{
    public const string GetParameterTarget = "AmazonSSM.GetParameter";
    private const string AmzJson = "application/x-amz-json-1.1";

    /// <summary>SecureString parameters by name.</summary>
    public ConcurrentDictionary<string, string> SecureStrings { get; } = new(StringComparer.Ordinal);

    internal async Task HandleAsync(HttpContext context, string body)
    {
        var request = context.Request;
        var problems = new List<string>();
        if (!string.Equals(request.ContentType, AmzJson, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"Content-Type must be {AmzJson}, was '{request.ContentType}'");
        }

        if (!Authorization().IsMatch(request.Headers.Authorization.ToString()))
        {
            problems.Add("Authorization must be 'AWS4-HMAC-SHA256 Credential=<key>/<yyyyMMdd>/<region>/ssm/aws4_request, SignedHeaders=..., Signature=<64 hex>'");
        }

        var (name, decrypt) = CheckBody(body, problems);
        (int Status, Dictionary<string, object> Body) answer;
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                Violation(problem);
            }

            answer = Error(400, "ValidationException", string.Join("; ", problems));
        }
        else if (NextFault() is { Status: { } failed } fault)
        {
            answer = Error(failed, fault.ErrorType ?? (failed >= 500 ? "InternalServerError" : "ThrottlingException"), "scripted failure");
        }
        else if (!SecureStrings.TryGetValue(name!, out var value))
        {
            answer = Error(400, "ParameterNotFound", $"Parameter {name} not found.");
        }
        else
        {
            answer = (200, new()
            {
                ["Parameter"] = new Dictionary<string, object>
                {
                    ["Name"] = name!,
                    ["Type"] = "SecureString",
                    ["Value"] = decrypt ? value : "AQICAHh-encrypted",
                    ["Version"] = 1,
                    ["DataType"] = "text",
                },
            });
        }

        Requests.Enqueue(new RecordedRequest(request.Method, request.Path, request.ContentType, request.Headers.Authorization.ToString(), body, answer.Status));
        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = AmzJson;
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        await context.Response.WriteAsync(JsonSerializer.Serialize(answer.Body, SsmFakeJson.Default.DictionaryStringObject));
    }

    private static (string? Name, bool Decrypt) CheckBody(string body, List<string> problems)
    {
        try
        {
            var root = JsonDocument.Parse(body).RootElement;
            if (!new JsonShape(problems).Object(root, "$", ["Name"], "WithDecryption"))
            {
                return default;
            }

            var name = root.GetProperty("Name").GetString();
            if (string.IsNullOrEmpty(name) || name.Length > 2048)
            {
                problems.Add("$.Name must be a string of 1 to 2048 characters");
            }

            var decrypt = root.TryGetProperty("WithDecryption", out var flag) && flag.ValueKind == JsonValueKind.True;
            return (name, decrypt);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            problems.Add($"the body is not the documented JSON: {ex.Message}");
            return default;
        }
    }

    private static (int, Dictionary<string, object>) Error(int status, string type, string message) =>
        (status, new() { ["__type"] = type, ["message"] = message });

    [GeneratedRegex(@"^AWS4-HMAC-SHA256 Credential=[^/\s,]+/\d{8}/[a-z0-9-]+/ssm/aws4_request, ?SignedHeaders=[a-z0-9-]+(;[a-z0-9-]+)*, ?Signature=[0-9a-f]{64}$")]
    private static partial Regex Authorization();
}

[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, object>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, object>[]))]
[System.Text.Json.Serialization.JsonSerializable(typeof(int))]
internal sealed partial class SsmFakeJson : System.Text.Json.Serialization.JsonSerializerContext;
