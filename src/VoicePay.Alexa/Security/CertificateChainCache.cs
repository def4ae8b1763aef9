using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography.X509Certificates;

namespace VoicePay.Alexa.Security;

/// <summary>
/// Validated signing certificates by normalized chain URL, kept until the chain's first expiry.
/// Only chains that passed every check get in, so a forged URL can never poison it.
/// </summary>
internal sealed class CertificateChainCache(int capacity)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public bool TryGet(Uri url, DateTimeOffset now, [NotNullWhen(true)] out X509Certificate2? signingCertificate)
    {
        var key = url.AbsoluteUri;
        if (_entries.TryGetValue(key, out var entry))
        {
            if (now <= entry.ValidUntil)
            {
                signingCertificate = entry.SigningCertificate;
                return true;
            }

            _entries.TryRemove(KeyValuePair.Create(key, entry));
        }

        signingCertificate = null;
        return false;
    }

    public void Add(Uri url, X509Certificate2 signingCertificate, DateTimeOffset validUntil, DateTimeOffset now)
    {
        if (_entries.Count >= capacity)
        {
            foreach (var pair in _entries)
            {
                if (now > pair.Value.ValidUntil)
                {
                    _entries.TryRemove(pair);
                }
            }

            // Amazon uses one or two URLs at a time; a full cache of live entries means something is odd.
            if (_entries.Count >= capacity)
            {
                _entries.Clear();
            }
        }

        _entries[url.AbsoluteUri] = new Entry(signingCertificate, validUntil);
    }

    private sealed record Entry(X509Certificate2 SigningCertificate, DateTimeOffset ValidUntil);
}
