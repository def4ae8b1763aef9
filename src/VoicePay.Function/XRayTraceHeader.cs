using System.Diagnostics;

namespace VoicePay.Function;

/// <summary>
/// The X-Ray trace header Lambda gives each invocation (<c>Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1</c>)
/// as a W3C parent context: the X-Ray trace id without its version and dashes is the W3C trace id, as in the
/// OpenTelemetry AWS X-Ray propagator.
/// </summary>
public static class XRayTraceHeader
{
    public static bool TryParse(string? header, out ActivityContext context)
    {
        context = default;
        if (string.IsNullOrEmpty(header))
        {
            return false;
        }

        string? root = null, parent = null;
        var sampled = false;
        foreach (var part in header.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }

            var value = part[(equals + 1)..];
            switch (part[..equals])
            {
                case "Root":
                    root = value;
                    break;
                case "Parent":
                    parent = value;
                    break;
                case "Sampled":
                    sampled = value == "1";
                    break;
            }
        }

        // Root=1-{8 hex epoch}-{24 hex}; Parent={16 hex}.
        if (root is not { Length: 35 } || !root.StartsWith("1-", StringComparison.Ordinal) || root[10] != '-' || parent is not { Length: 16 }
            || !IsHex(root.AsSpan(2, 8)) || !IsHex(root.AsSpan(11)) || !IsHex(parent))
        {
            return false;
        }

        var traceId = ActivityTraceId.CreateFromString(string.Concat(root.AsSpan(2, 8), root.AsSpan(11)).ToLowerInvariant());
        var spanId = ActivitySpanId.CreateFromString(parent.ToLowerInvariant());
        context = new ActivityContext(traceId, spanId, sampled ? ActivityTraceFlags.Recorded : ActivityTraceFlags.None, isRemote: true);
        return true;
    }

    /// <summary>The header's <c>Root=</c> value (the X-Ray trace id), or the header itself when it has none.</summary>
    public static string Root(string header)
    {
        ArgumentNullException.ThrowIfNull(header);
        foreach (var part in header.Split(';', StringSplitOptions.TrimEntries))
        {
            if (part.StartsWith("Root=", StringComparison.Ordinal))
            {
                return part[5..];
            }
        }

        return header;
    }

    private static bool IsHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
