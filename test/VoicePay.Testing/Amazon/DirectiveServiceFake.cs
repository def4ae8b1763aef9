using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace VoicePay.Testing.Amazon;

/// <summary>
/// <c>POST /v1/directives</c> (Amazon, "Progressive Response REST API Reference"): JSON, <c>Authorization: Bearer
/// {apiAccessToken}</c>, exactly <c>{header: {requestId}, directive: {type: VoicePlayer.Speak, speech: &lt;speak&gt;…&lt;/speak&gt;}}</c>.
/// Answers 204 No Content, or what the script says.
/// </summary>
public sealed class DirectiveServiceFake(ConcurrentQueue<string> violations) : FakeApi(violations)
{
    /// <summary>The apiAccessToken the test put in the request's context.System.</summary>
    public string ExpectedToken { get; set; } = "fake-api-access-token";

    /// <summary>(requestId, speech) of each directive accepted.</summary>
    public ConcurrentQueue<(string RequestId, string Speech)> Spoken { get; } = new();

    internal async Task HandleAsync(HttpContext context, string body)
    {
        var problems = new List<string>();
        if (!(context.Request.ContentType ?? string.Empty).StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"Content-Type must be application/json, was '{context.Request.ContentType}'");
        }

        if (!string.Equals(context.Request.Headers.Authorization.ToString(), "Bearer " + ExpectedToken, StringComparison.Ordinal))
        {
            problems.Add("Authorization must be 'Bearer <context.System.apiAccessToken>'");
        }

        string? requestId = null, speech = null;
        try
        {
            var root = JsonDocument.Parse(body).RootElement;
            var shape = new JsonShape(problems);
            if (shape.Object(root, "$", ["header", "directive"]))
            {
                var header = root.GetProperty("header");
                if (shape.Object(header, "$.header", ["requestId"]))
                {
                    requestId = shape.String(header, "requestId", "$.header");
                }

                var directive = root.GetProperty("directive");
                if (shape.Object(directive, "$.directive", ["type", "speech"]))
                {
                    shape.String(directive, "type", "$.directive", "VoicePlayer.Speak");
                    speech = shape.String(directive, "speech", "$.directive");
                    if (speech is not null && (!speech.StartsWith("<speak>", StringComparison.Ordinal) || !speech.EndsWith("</speak>", StringComparison.Ordinal)))
                    {
                        problems.Add("$.directive.speech must be SSML wrapped in <speak>…</speak>");
                    }
                }
            }
        }
        catch (JsonException ex)
        {
            problems.Add($"the body is not JSON: {ex.Message}");
        }

        var status = 204;
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                Violation(problem);
            }

            status = 400;
        }
        else if (NextFault() is { } fault)
        {
            if (fault.Delay is { } delay)
            {
                await Task.Delay(delay, context.RequestAborted);
            }

            status = fault.Status ?? 204;
        }

        if (status == 204)
        {
            Spoken.Enqueue((requestId!, speech!));
        }

        Requests.Enqueue(new RecordedRequest(context.Request.Method, context.Request.Path, context.Request.ContentType, context.Request.Headers.Authorization.ToString(), body, status));
        context.Response.StatusCode = status;
    }
}
