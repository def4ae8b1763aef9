using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace VoicePay.Alexa.Tests.Security;

/// <summary>
/// A private root, intermediate and signing certificates shaped like Amazon's, all relative to a
/// fixed <see cref="Now"/> so tests never depend on the real clock.
/// </summary>
internal static class TestPki
{
    public const string AlexaDomain = "echo-api.amazon.com";

    public static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<Authority> LazyTrusted = new(() => Authority.Create("VoicePay Test"));
    private static readonly Lazy<Authority> LazyUntrusted = new(() => Authority.Create("Impostor"));
    private static readonly Lazy<RSA> LazySigningKey = new(() => RSA.Create(2048));
    private static readonly Lazy<RSA> LazyOtherKey = new(() => RSA.Create(2048));

    /// <summary>The root the verifier under test trusts.</summary>
    public static Authority Trusted => LazyTrusted.Value;

    /// <summary>A structurally identical hierarchy nobody trusts.</summary>
    public static Authority Untrusted => LazyUntrusted.Value;

    public static RSA SigningKey => LazySigningKey.Value;

    public static RSA OtherKey => LazyOtherKey.Value;

    /// <summary>Leaf valid for 30 days either side of <see cref="Now"/>.</summary>
    public static X509Certificate2 ValidLeaf() => Trusted.IssueLeaf(SigningKey, Now.AddDays(-30), Now.AddDays(30));

    public static byte[] Pem(params X509Certificate2[] chain)
    {
        var text = new StringBuilder();
        foreach (var certificate in chain)
        {
            text.Append(certificate.ExportCertificatePem()).Append('\n');
        }

        return Encoding.ASCII.GetBytes(text.ToString());
    }

    /// <summary>The usual Amazon layout: signing certificate, then the intermediate.</summary>
    public static byte[] ValidChainPem() => Pem(ValidLeaf(), Trusted.Intermediate);

    public sealed class Authority
    {
        private readonly RSA _intermediateKey;

        private Authority(X509Certificate2 root, X509Certificate2 intermediate, RSA intermediateKey)
        {
            Root = root;
            Intermediate = intermediate;
            _intermediateKey = intermediateKey;
        }

        public X509Certificate2 Root { get; }

        public X509Certificate2 Intermediate { get; }

        public static Authority Create(string name)
        {
            var rootKey = RSA.Create(2048);
            var rootRequest = new CertificateRequest($"CN={name} Root CA", rootKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            AddCaExtensions(rootRequest);
            var root = rootRequest.CreateSelfSigned(Now.AddYears(-5), Now.AddYears(10));

            var intermediateKey = RSA.Create(2048);
            var intermediateRequest = new CertificateRequest($"CN={name} Intermediate CA", intermediateKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            AddCaExtensions(intermediateRequest);
            using var intermediatePublic = intermediateRequest.Create(root, Now.AddYears(-4), Now.AddYears(9), Serial());
            var intermediate = intermediatePublic.CopyWithPrivateKey(intermediateKey);
            return new Authority(root, intermediate, intermediateKey);
        }

        /// <summary>A signing certificate; <paramref name="dnsNames"/> null means no SAN extension at all.</summary>
        public X509Certificate2 IssueLeaf(
            RSA key,
            DateTimeOffset notBefore,
            DateTimeOffset notAfter,
            string[]? dnsNames = null,
            string subject = "CN=" + AlexaDomain,
            bool withSan = true)
        {
            var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
            if (withSan)
            {
                var san = new SubjectAlternativeNameBuilder();
                foreach (var name in dnsNames ?? [AlexaDomain])
                {
                    san.AddDnsName(name);
                }

                request.CertificateExtensions.Add(san.Build());
            }

            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
            request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Intermediate, true, false));
            return request.Create(Intermediate, notBefore, notAfter, Serial());
        }

        private static void AddCaExtensions(CertificateRequest request)
        {
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        }

        private static byte[] Serial() => RandomNumberGenerator.GetBytes(16);
    }
}
