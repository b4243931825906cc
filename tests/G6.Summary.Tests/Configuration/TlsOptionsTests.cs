using G6.Summary.Configuration;
using G6.Summary.Tests.TestSupport;
using Microsoft.Extensions.Configuration;

namespace G6.Summary.Tests.Configuration;

/// <summary>Bad TLS files stop start-up with one line naming the variable; good ones (plain or encrypted key) load.</summary>
public sealed class TlsOptionsTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly TestCertificate _certificate = TestCertificate.Create();

    public void Dispose() => _dir.Dispose();

    private string Cert => _dir.File("cert.pem");

    private string Key => _dir.File("key.pem");

    private string Password => _dir.File("key-password");

    private static SummaryOptions Load(params (string Key, string Value)[] values) =>
        SummaryOptionsLoader.Load(new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value)))
            .Build());

    private static void AssertRefused(string variable, string problem, params (string Key, string Value)[] values)
    {
        var ex = Assert.Throws<InvalidSettingException>(() => Load(values));
        Assert.Equal(variable, ex.Variable);
        Assert.Equal($"invalid setting {variable}: {problem}", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void Load_NothingSet_TlsOff()
    {
        Assert.False(Load().Tls.Enabled);
    }

    [Fact]
    public void Load_CertAndKey_TlsOn()
    {
        _certificate.WriteTo(Cert, Key);
        var tls = Load(("G6_SSE_TLS_CERT", Cert), ("G6_SSE_TLS_KEY", Key)).Tls;
        Assert.True(tls.Enabled);
        Assert.Equal(Cert, tls.CertFile);
    }

    [Fact]
    public void Load_EncryptedKeyWithItsPassword_TlsOn()
    {
        _certificate.WriteTo(Cert, Key, _certificate.EncryptedKeyPem("s3cret-pass"));
        File.WriteAllText(Password, "s3cret-pass\n");
        Assert.True(Load(("G6_SSE_TLS_CERT", Cert), ("G6_SSE_TLS_KEY", Key), ("G6_SSE_TLS_KEY_PASSWORD_FILE", Password)).Tls.Enabled);
    }

    [Fact]
    public void Load_RsaCertificate_TlsOn()
    {
        TestCertificate.Create(rsa: true).WriteTo(Cert, Key);
        Assert.True(Load(("G6_SSE_TLS_CERT", Cert), ("G6_SSE_TLS_KEY", Key)).Tls.Enabled);
    }

    [Fact]
    public void Load_BadFiles_OneLineNamingTheVariable()
    {
        _certificate.WriteTo(Cert, Key);
        AssertRefused("G6_SSE_TLS_KEY", "must be set when G6_SSE_TLS_CERT is", ("G6_SSE_TLS_CERT", Cert));
        AssertRefused("G6_SSE_TLS_CERT", "must be set when G6_SSE_TLS_KEY is", ("G6_SSE_TLS_KEY", Key));
        AssertRefused("G6_SSE_TLS_CERT", "the file missing.pem does not exist", ("G6_SSE_TLS_CERT", _dir.File("missing.pem")), ("G6_SSE_TLS_KEY", Key));
        AssertRefused("G6_SSE_TLS_KEY", "the file missing.pem does not exist", ("G6_SSE_TLS_CERT", Cert), ("G6_SSE_TLS_KEY", _dir.File("missing.pem")));

        var notPem = _dir.File("not.pem");
        File.WriteAllText(notPem, "hello\n");
        AssertRefused("G6_SSE_TLS_CERT", "no PEM certificate in the file (expected -----BEGIN CERTIFICATE-----)", ("G6_SSE_TLS_CERT", notPem), ("G6_SSE_TLS_KEY", Key));
        AssertRefused("G6_SSE_TLS_KEY", "no PEM private key of the certificate's type (EC) in the file", ("G6_SSE_TLS_CERT", Cert), ("G6_SSE_TLS_KEY", notPem));

        // The key of another certificate: a renewal that wrote only one of the two files.
        var otherKey = _dir.File("other-key.pem");
        File.WriteAllText(otherKey, TestCertificate.Create("other").KeyPem);
        AssertRefused("G6_SSE_TLS_KEY", "the key does not belong to the certificate in G6_SSE_TLS_CERT", ("G6_SSE_TLS_CERT", Cert), ("G6_SSE_TLS_KEY", otherKey));
    }

    [Fact]
    public void Load_EncryptedKey_WithoutOrWithWrongPassword_NamesTheVariable()
    {
        _certificate.WriteTo(Cert, Key, _certificate.EncryptedKeyPem("s3cret-pass"));
        AssertRefused("G6_SSE_TLS_KEY", "the key is encrypted; put its password in a file named by G6_SSE_TLS_KEY_PASSWORD_FILE", ("G6_SSE_TLS_CERT", Cert), ("G6_SSE_TLS_KEY", Key));
        File.WriteAllText(Password, "wrong-pass\n");
        AssertRefused("G6_SSE_TLS_KEY_PASSWORD_FILE", "cannot decrypt the key in G6_SSE_TLS_KEY with this password", ("G6_SSE_TLS_CERT", Cert), ("G6_SSE_TLS_KEY", Key), ("G6_SSE_TLS_KEY_PASSWORD_FILE", Password));
        AssertRefused("G6_SSE_TLS_KEY_PASSWORD_FILE", "needs G6_SSE_TLS_CERT and G6_SSE_TLS_KEY", ("G6_SSE_TLS_KEY_PASSWORD_FILE", Password));
    }
}
