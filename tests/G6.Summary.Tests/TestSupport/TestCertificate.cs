using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace G6.Summary.Tests.TestSupport;

/// <summary>
/// A self-signed server certificate for 127.0.0.1 and localhost made by the test (<see cref="CertificateRequest"/>),
/// written as PEM files the way an operator's are: a certificate file and a key file, the key optionally encrypted.
/// </summary>
public sealed class TestCertificate
{
    private TestCertificate(X509Certificate2 certificate, string certPem, string keyPem)
    {
        Certificate = certificate;
        CertPem = certPem;
        KeyPem = keyPem;
    }

    public X509Certificate2 Certificate { get; }

    public string CertPem { get; }

    /// <summary>The key as unencrypted PKCS#8.</summary>
    public string KeyPem { get; }

    public string Thumbprint => Certificate.GetCertHashString(HashAlgorithmName.SHA256);

    public static TestCertificate Create(string commonName = "g6-summary-test", bool rsa = false)
    {
        using AsymmetricAlgorithm key = rsa ? RSA.Create(2048) : ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = key is RSA r
            ? new CertificateRequest($"CN={commonName}", r, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            : new CertificateRequest($"CN={commonName}", (ECDsa)key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var now = DateTimeOffset.UtcNow;
        var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        return new TestCertificate(certificate, certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>The key as encrypted PKCS#8 (<c>-----BEGIN ENCRYPTED PRIVATE KEY-----</c>).</summary>
    public string EncryptedKeyPem(string password)
    {
        using var key = (AsymmetricAlgorithm?)Certificate.GetECDsaPrivateKey() ?? Certificate.GetRSAPrivateKey()!;
        return key.ExportEncryptedPkcs8PrivateKeyPem(password, new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 100_000));
    }

    /// <summary>Writes the certificate and key to <paramref name="certPath"/> and <paramref name="keyPath"/>, each renamed into place.</summary>
    public void WriteTo(string certPath, string keyPath, string? keyPem = null)
    {
        Replace(keyPath, keyPem ?? KeyPem);
        Replace(certPath, CertPem);
    }

    private static void Replace(string path, string text)
    {
        File.WriteAllText(path + ".new", text);
        File.Move(path + ".new", path, overwrite: true);
    }
}
