using G6.Summary.Security;

namespace G6.Summary.Configuration;

/// <summary>
/// HTTPS with the service's own certificate: <c>G6_SSE_TLS_CERT</c> and <c>G6_SSE_TLS_KEY</c> (PEM files),
/// the key optionally encrypted with the password in <c>G6_SSE_TLS_KEY_PASSWORD_FILE</c>. Off when neither is set.
/// </summary>
public sealed record TlsOptions
{
    /// <summary>PEM certificate, the server's first, then any intermediates (a "fullchain" file).</summary>
    public string? CertFile { get; init; }

    /// <summary>PEM private key (PKCS#8, PKCS#1 or SEC1; encrypted PKCS#8 with a password file).</summary>
    public string? KeyFile { get; init; }

    /// <summary>A file whose first line is the key's password.</summary>
    public string? KeyPasswordFile { get; init; }

    /// <summary>
    /// How often a new connection may look at the files' time stamps for a renewed certificate. Not a setting:
    /// a renewal (minutes to days before expiry) seen a second later costs nothing, and one look a second costs nothing either.
    /// </summary>
    public TimeSpan CheckInterval { get; init; } = TimeSpan.FromSeconds(1);

    public bool Enabled => CertFile is not null;

    /// <summary>The pairs that belong together; the files themselves are read by <see cref="Bind"/> and at start.</summary>
    public void Validate()
    {
        if (CertFile is null && KeyFile is not null)
        {
            throw new InvalidSettingException(SettingNames.TlsCert, $"must be set when {SettingNames.TlsKey} is");
        }

        if (CertFile is not null && KeyFile is null)
        {
            throw new InvalidSettingException(SettingNames.TlsKey, $"must be set when {SettingNames.TlsCert} is");
        }

        if (KeyPasswordFile is not null && KeyFile is null)
        {
            throw new InvalidSettingException(SettingNames.TlsKeyPasswordFile, $"needs {SettingNames.TlsCert} and {SettingNames.TlsKey}");
        }
    }

    internal static TlsOptions Bind(SettingReader read)
    {
        var tls = new TlsOptions
        {
            CertFile = read.Text(SettingNames.TlsCert),
            KeyFile = read.Text(SettingNames.TlsKey),
            KeyPasswordFile = read.Text(SettingNames.TlsKeyPasswordFile),
        };
        tls.Validate();
        if (tls.Enabled)
        {
            // Bad files stop start-up here, with the variable named; the server loads them again when it starts.
            TlsCertificateLoader.Load(tls).Dispose();
        }

        return tls;
    }
}
