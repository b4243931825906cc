using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using G6.Summary.Configuration;

namespace G6.Summary.Security;

/// <summary>
/// Reads the PEM certificate, key and key password of <see cref="TlsOptions"/> and says, in one line naming the
/// variable, what is wrong with them: not a certificate, no key, wrong password, a key of another certificate.
/// </summary>
public static class TlsCertificateLoader
{
    private const string RsaOid = "1.2.840.113549.1.1.1";
    private const string EcOid = "1.2.840.10045.2.1";

    // PEM files of a certificate chain and a key are a few KB; this only refuses the wrong file.
    private const int MaxFileBytes = 1024 * 1024;

    /// <summary>The certificate with its private key, and any further certificates of the PEM file (the chain).</summary>
    /// <exception cref="InvalidSettingException">A file is missing, unreadable or wrong; the message names the variable.</exception>
    public static X509Certificate2 Load(TlsOptions tls) => Load(tls, out _);

    /// <inheritdoc cref="Load(TlsOptions)"/>
    public static X509Certificate2 Load(TlsOptions tls, out X509Certificate2Collection intermediates)
    {
        ArgumentNullException.ThrowIfNull(tls);
        var certPem = Read(SettingNames.TlsCert, tls.CertFile!);
        var keyPem = Read(SettingNames.TlsKey, tls.KeyFile!);
        var password = tls.KeyPasswordFile is null ? null : FirstLine(Read(SettingNames.TlsKeyPasswordFile, tls.KeyPasswordFile));

        var chain = new X509Certificate2Collection();
        try
        {
            chain.ImportFromPem(certPem);
        }
        catch (CryptographicException)
        {
            throw new InvalidSettingException(SettingNames.TlsCert, "the file holds a PEM block that is not a valid certificate");
        }

        if (chain.Count == 0)
        {
            throw new InvalidSettingException(SettingNames.TlsCert, "no PEM certificate in the file (expected -----BEGIN CERTIFICATE-----)");
        }

        using var leaf = chain[0];
        intermediates = [.. chain.Skip(1)];
        var encrypted = keyPem.Contains("-----BEGIN ENCRYPTED PRIVATE KEY-----", StringComparison.Ordinal);
        if (encrypted && password is null)
        {
            throw new InvalidSettingException(SettingNames.TlsKey, $"the key is encrypted; put its password in a file named by {SettingNames.TlsKeyPasswordFile}");
        }

        var algorithm = leaf.GetKeyAlgorithm();
        using AsymmetricAlgorithm key = algorithm switch
        {
            RsaOid => RSA.Create(),
            EcOid => ECDsa.Create(),
            _ => throw new InvalidSettingException(SettingNames.TlsCert, "only RSA and ECDSA certificates are supported"),
        };

        try
        {
            if (encrypted)
            {
                key.ImportFromEncryptedPem(keyPem, password);
            }
            else
            {
                key.ImportFromPem(keyPem);
            }
        }
        catch (ArgumentException)
        {
            throw new InvalidSettingException(SettingNames.TlsKey, $"no PEM private key of the certificate's type ({(algorithm == RsaOid ? "RSA" : "EC")}) in the file");
        }
        catch (CryptographicException)
        {
            throw encrypted
                ? new InvalidSettingException(SettingNames.TlsKeyPasswordFile, $"cannot decrypt the key in {SettingNames.TlsKey} with this password")
                : new InvalidSettingException(SettingNames.TlsKey, "the private key cannot be read");
        }

        try
        {
            return key switch
            {
                RSA rsa => leaf.CopyWithPrivateKey(rsa),
                ECDsa ec => leaf.CopyWithPrivateKey(ec),
                _ => throw new InvalidSettingException(SettingNames.TlsCert, "only RSA and ECDSA certificates are supported"),
            };
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            // ArgumentException: the key is well-formed but of another certificate.
            throw new InvalidSettingException(SettingNames.TlsKey, $"the key does not belong to the certificate in {SettingNames.TlsCert}");
        }
    }

    private static string Read(string variable, string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new InvalidSettingException(variable, $"the file {Path.GetFileName(path)} does not exist");
            }

            return info.Length > MaxFileBytes
                ? throw new InvalidSettingException(variable, $"the file {Path.GetFileName(path)} is larger than {MaxFileBytes} bytes")
                : File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InvalidSettingException(variable, $"cannot read the file {Path.GetFileName(path)}");
        }
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].TrimEnd('\r');
}
