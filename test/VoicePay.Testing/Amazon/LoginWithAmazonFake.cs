using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace VoicePay.Testing.Amazon;

/// <summary>
/// <c>POST /auth/o2/token</c>, client-credentials only: form-encoded, exactly grant_type=client_credentials,
/// client_id, client_secret, scope=alexa::proactive_events; answers <c>{access_token, expires_in, scope, token_type}</c>.
/// </summary>
public sealed class LoginWithAmazonFake(ConcurrentQueue<string> violations, string clientId, string clientSecret) : FakeApi(violations)
{
    private readonly ConcurrentDictionary<string, bool> issued = new(StringComparer.Ordinal);
    private int serial;

    public string ClientId => clientId;

    public string ClientSecret => clientSecret;

    /// <summary>The <c>expires_in</c> of the next tokens.</summary>
    public int ExpiresInSeconds { get; set; } = 3600;

    /// <summary>Tokens handed out, and whether each is still honoured by the events fake.</summary>
    public IReadOnlyDictionary<string, bool> Issued => issued;

    /// <summary>Amazon's side forgets every token so far (they draw 403 from now on).</summary>
    public void RevokeAll()
    {
        foreach (var token in issued.Keys)
        {
            issued[token] = false;
        }
    }

    internal async Task HandleAsync(HttpContext context, string body)
    {
        var problems = new List<string>();
        var contentType = context.Request.ContentType ?? string.Empty;
        if (!contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"Content-Type must be application/x-www-form-urlencoded, was '{contentType}'");
        }

        if (context.Request.Headers.Authorization.Count > 0)
        {
            problems.Add("the token request must carry its credentials in the form, not an Authorization header");
        }

        var form = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(body);
        string[] allowed = ["grant_type", "client_id", "client_secret", "scope"];
        foreach (var key in form.Keys.Where(k => !allowed.Contains(k, StringComparer.Ordinal)))
        {
            problems.Add($"form field '{key}' is not in the documented request");
        }

        Expect(form, "grant_type", "client_credentials", problems);
        Expect(form, "scope", "alexa::proactive_events", problems);
        Expect(form, "client_id", clientId, problems);
        Expect(form, "client_secret", clientSecret, problems);

        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                Violation(problem);
            }

            await Respond(context, body, 400, """{"error":"invalid_request"}""");
            return;
        }

        if (NextFault() is { } fault)
        {
            if (fault.Delay is { } delay)
            {
                await Task.Delay(delay, context.RequestAborted);
            }

            if (fault.Status is { } status)
            {
                context.Response.Headers.RetryAfter = fault.RetryAfter;
                await Respond(context, body, status, """{"error":"server_error"}""");
                return;
            }
        }

        var token = $"Atc|fake-{Interlocked.Increment(ref serial)}-{Guid.NewGuid():N}";
        issued[token] = true;
        await Respond(context, body, 200, $$"""{"access_token":"{{token}}","expires_in":{{ExpiresInSeconds}},"scope":"alexa::proactive_events","token_type":"bearer"}""");
    }

    private static void Expect(Dictionary<string, Microsoft.Extensions.Primitives.StringValues> form, string key, string expected, List<string> problems)
    {
        if (!form.TryGetValue(key, out var values) || values.Count != 1)
        {
            problems.Add($"form field '{key}' is required once");
        }
        else if (!string.Equals(values[0], expected, StringComparison.Ordinal))
        {
            // The secret itself is never written into the violation.
            problems.Add($"form field '{key}' has the wrong value");
        }
    }

    private async Task Respond(HttpContext context, string body, int status, string json)
    {
        // The form holds the secret: recorded with it masked.
        var masked = body.Replace(Uri.EscapeDataString(clientSecret), "***", StringComparison.Ordinal);
        Requests.Enqueue(new RecordedRequest(context.Request.Method, context.Request.Path, context.Request.ContentType, null, masked, status));
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json);
    }
}
