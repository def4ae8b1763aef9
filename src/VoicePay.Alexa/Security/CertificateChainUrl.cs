using System.Diagnostics.CodeAnalysis;

namespace VoicePay.Alexa.Security;

/// <summary>
/// The <c>SignatureCertChainUrl</c> rules: after normalization the URL must be
/// <c>https://s3.amazonaws.com[:443]/echo.api/…</c> (scheme and host case-insensitive, path case-sensitive).
/// </summary>
/// <remarks>
/// Stricter than Amazon's wording on purpose: Amazon's URLs are plain ASCII without
/// percent-encoding, user info, query or fragment, so anything carrying those is rejected outright
/// instead of trusting a URL parser to decode it the same way S3 would.
/// </remarks>
public static class CertificateChainUrl
{
    public const string Host = "s3.amazonaws.com";

    public const string PathPrefix = "/echo.api/";

    private const int MaxLength = 1024;

    /// <summary>
    /// Checks the header value and returns the canonical URL to download (dot segments removed,
    /// default port, lower-case scheme and host).
    /// </summary>
    public static bool TryNormalize(string? value, [NotNullWhen(true)] out Uri? normalized)
    {
        normalized = null;
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength || !HasOnlyPlainCharacters(value))
        {
            return false;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri))
        {
            return false;
        }

        // Uri has already removed "." and ".." segments from AbsolutePath: that is the normalization
        // Amazon asks for (".../echo.api/../echo.api/x.pem" is valid).
        var path = uri.AbsolutePath;
        var valid = string.Equals(uri.Scheme, Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase)
            && uri.HostNameType == UriHostNameType.Dns
            && string.Equals(uri.Host, Host, StringComparison.OrdinalIgnoreCase)
            && uri.Port == 443
            && uri.UserInfo.Length == 0
            && path.StartsWith(PathPrefix, StringComparison.Ordinal)
            && path.Length > PathPrefix.Length;
        if (!valid)
        {
            return false;
        }

        normalized = new Uri("https://" + Host + path, UriKind.Absolute);
        return true;
    }

    // Printable ASCII only, and none of the characters that let parsers disagree about where
    // the host ends or the path begins (user info, query, fragment, backslash, percent-escapes).
    private static bool HasOnlyPlainCharacters(string value)
    {
        foreach (var c in value)
        {
            if (c is <= ' ' or > '~' or '%' or '@' or '?' or '#' or '\\')
            {
                return false;
            }
        }

        return true;
    }
}
