using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace VoicePay.Host.Tests.EndToEnd;

/// <summary>
/// A private root, intermediate and signing certificate shaped like Amazon's (adapted from the Alexa
/// security tests). Valid around the real clock, because the host under test runs on the system clock.
/// </summary>
internal static class TestPki
{
    public const string AlexaDomain = "echo-api.amazon.com";

    private static readonly Lazy<Hierarchy> LazyHierarchy = new(Hierarchy.Create);

    public static X509Certificate2 Root => LazyHierarchy.Value.Root;

    public static RSA SigningKey => LazyHierarchy.Value.SigningKey;

    /// <summary>The usual Amazon layout: signing certificate, then the intermediate.</summary>
    public static byte[] ChainPem => LazyHierarchy.Value.ChainPem;

    private sealed record Hierarchy(X509Certificate2 Root, RSA SigningKey, byte[] ChainPem)
    {
        public static Hierarchy Create()
        {
            var now = DateTimeOffset.UtcNow;
            using var rootKey = RSA.Create(2048);
            var rootRequest = new CertificateRequest("CN=VoicePay Host Test Root CA", rootKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            AddCaExtensions(rootRequest);
            var root = rootRequest.CreateSelfSigned(now.AddYears(-1), now.AddYears(1));

            using var intermediateKey = RSA.Create(2048);
            var intermediateRequest = new CertificateRequest("CN=VoicePay Host Test Intermediate CA", intermediateKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            AddCaExtensions(intermediateRequest);
            using var intermediatePublic = intermediateRequest.Create(root, now.AddDays(-30), now.AddDays(300), Serial());
            using var intermediate = intermediatePublic.CopyWithPrivateKey(intermediateKey);

            var signingKey = RSA.Create(2048);
            var leafRequest = new CertificateRequest("CN=" + AlexaDomain, signingKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            leafRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
            leafRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
            var san = new SubjectAlternativeNameBuilder();
            san.AddDnsName(AlexaDomain);
            leafRequest.CertificateExtensions.Add(san.Build());
            leafRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(leafRequest.PublicKey, false));
            leafRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(intermediate, true, false));
            using var leaf = leafRequest.Create(intermediate, now.AddDays(-1), now.AddDays(30), Serial());

            var pem = Encoding.ASCII.GetBytes(leaf.ExportCertificatePem() + "\n" + intermediate.ExportCertificatePem() + "\n");
            return new Hierarchy(root, signingKey, pem);
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
