using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace VoicePay.Testing.Amazon;

/// <summary>
/// <c>POST /v1/proactiveEvents[/stages/development]</c> for <c>AMAZON.MessageAlert.Activated</c>, unicast, checked
/// against Amazon's "Proactive Events REST API Reference" and the MessageAlert schema: a bearer token this LWA
/// fake issued, JSON, every required field, only documented fields and values, expiry 5 min to 24 h after the
/// timestamp. Answers 202, or 403 for a revoked token, or what the script says.
/// </summary>
public sealed class ProactiveEventsFake(ConcurrentQueue<string> violations, LoginWithAmazonFake lwa) : FakeApi(violations)
{
    public const string DevelopmentPath = "/v1/proactiveEvents/stages/development";
    public const string LivePath = "/v1/proactiveEvents";

    /// <summary>The bodies Amazon accepted (202), parsed.</summary>
    public ConcurrentQueue<JsonElement> Accepted { get; } = new();

    internal async Task HandleAsync(HttpContext context, string body)
    {
        var problems = new List<string>();
        var contentType = context.Request.ContentType ?? string.Empty;
        if (!contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"Content-Type must be application/json, was '{contentType}'");
        }

        var authorization = context.Request.Headers.Authorization.ToString();
        var token = authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization["Bearer ".Length..] : null;
        if (token is null || !lwa.Issued.ContainsKey(token))
        {
            problems.Add("Authorization must be 'Bearer <a token from Login with Amazon>'");
        }

        JsonElement root = default;
        try
        {
            root = JsonDocument.Parse(body).RootElement.Clone();
            Check(root, problems);
        }
        catch (JsonException ex)
        {
            problems.Add($"the body is not JSON: {ex.Message}");
        }

        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                Violation(problem);
            }

            await Respond(context, body, 400);
            return;
        }

        if (!lwa.Issued[token!])
        {
            await Respond(context, body, 403);
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
                if (fault.RetryAfter is not null)
                {
                    context.Response.Headers.RetryAfter = fault.RetryAfter;
                }

                await Respond(context, body, status);
                return;
            }
        }

        Accepted.Enqueue(root);
        await Respond(context, body, 202);
    }

    private static void Check(JsonElement root, List<string> problems)
    {
        var shape = new JsonShape(problems);
        if (!shape.Object(root, "$", ["timestamp", "referenceId", "expiryTime", "event", "relevantAudience"], "localizedAttributes"))
        {
            return;
        }

        var timestamp = shape.Timestamp(root, "timestamp", "$");
        var expiry = shape.Timestamp(root, "expiryTime", "$");
        shape.String(root, "referenceId", "$");
        if (timestamp is { } from && expiry is { } to && (to - from < TimeSpan.FromMinutes(5) || to - from > TimeSpan.FromHours(24)))
        {
            problems.Add("$.expiryTime must be 5 minutes to 24 hours after $.timestamp");
        }

        if (expiry is { } expires && expires <= DateTimeOffset.UtcNow)
        {
            problems.Add("$.expiryTime is in the past");
        }

        if (root.TryGetProperty("localizedAttributes", out var localized))
        {
            // MessageAlert references no localized attribute; if sent, it must at least be the documented array of {locale, ...}.
            if (localized.ValueKind != JsonValueKind.Array)
            {
                problems.Add("$.localizedAttributes must be an array");
            }
        }

        var @event = root.GetProperty("event");
        if (shape.Object(@event, "$.event", ["name", "payload"]))
        {
            shape.String(@event, "name", "$.event", "AMAZON.MessageAlert.Activated");
            var payload = @event.GetProperty("payload");
            if (shape.Object(payload, "$.event.payload", ["state", "messageGroup"]))
            {
                var state = payload.GetProperty("state");
                if (shape.Object(state, "$.event.payload.state", ["status"], "freshness"))
                {
                    shape.String(state, "status", "$.event.payload.state", "UNREAD", "FLAGGED");
                    shape.String(state, "freshness", "$.event.payload.state", "NEW", "OVERDUE");
                }

                var group = payload.GetProperty("messageGroup");
                if (shape.Object(group, "$.event.payload.messageGroup", ["creator", "count"], "urgency"))
                {
                    var creator = group.GetProperty("creator");
                    if (shape.Object(creator, "$.event.payload.messageGroup.creator", ["name"]))
                    {
                        shape.String(creator, "name", "$.event.payload.messageGroup.creator");
                    }

                    shape.Integer(group, "count", "$.event.payload.messageGroup", 1);
                    shape.String(group, "urgency", "$.event.payload.messageGroup", "URGENT");
                }
            }
        }

        var audience = root.GetProperty("relevantAudience");
        if (shape.Object(audience, "$.relevantAudience", ["type"], "payload"))
        {
            var type = shape.String(audience, "type", "$.relevantAudience", "Unicast", "Multicast");
            if (type == "Unicast")
            {
                if (!audience.TryGetProperty("payload", out var target))
                {
                    problems.Add("$.relevantAudience.payload is required for Unicast");
                }
                else if (shape.Object(target, "$.relevantAudience.payload", ["user"]))
                {
                    shape.String(target, "user", "$.relevantAudience.payload");
                }
            }
        }
    }

    private async Task Respond(HttpContext context, string body, int status)
    {
        Requests.Enqueue(new RecordedRequest(context.Request.Method, context.Request.Path, context.Request.ContentType, context.Request.Headers.Authorization.ToString(), body, status));
        context.Response.StatusCode = status;
        if (status != 202)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"message":"fake"}""");
        }
    }
}
