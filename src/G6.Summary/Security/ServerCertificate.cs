using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using G6.Summary.Configuration;
using Microsoft.Extensions.Logging;

namespace G6.Summary.Security;

/// <summary>
/// The certificate HTTPS connections are served with, cached and reloaded when its files change: a renewed
/// certificate written over <c>G6_SSE_TLS_CERT</c> / <c>G6_SSE_TLS_KEY</c> is used by the next new connection,
/// while open streams keep the one they shook hands with.
/// </summary>
/// <remarks>
/// Each new connection asks for <see cref="Current"/>; at most once per <see cref="TlsOptions.CheckInterval"/>
/// that looks at the three files' sizes and time stamps, and only a change makes it read them. The chain
/// (<see cref="SslStreamCertificateContext"/>, with the PEM file's intermediates) is built once per load, not
/// per handshake. A renewal caught half-written (a new certificate beside the old key) fails to load: the
/// certificate in use stays, one warning is logged for that state of the files, and the next look retries.
/// </remarks>
public sealed partial class ServerCertificate
{
    private readonly TlsOptions _tls;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _reloading = new();
    private volatile SslStreamCertificateContext _context;
    private long _lastLook;
    private FileStamps _loaded;
    private FileStamps _failed;

    /// <exception cref="InvalidSettingException">The files cannot be used (start-up stops, naming the variable).</exception>
    public ServerCertificate(TlsOptions tls, TimeProvider time, ILogger<ServerCertificate> logger)
    {
        ArgumentNullException.ThrowIfNull(tls);
        _tls = tls;
        _time = time;
        _logger = logger;
        _loaded = FileStamps.Of(tls);
        _context = Build(tls);
        _lastLook = time.GetTimestamp();
        Description = Describe(_context.TargetCertificate);
        LogLoaded(Description);
    }

    /// <summary>The certificate served now.</summary>
    public X509Certificate2 Certificate => _context.TargetCertificate;

    /// <summary>Subject, expiry and the start of the SHA-256 fingerprint of the certificate served now, for logs.</summary>
    public string Description { get; private set; }

    /// <summary>What a new connection shakes hands with; looks for a renewed certificate first when a look is due.</summary>
    public SslStreamCertificateContext Current
    {
        get
        {
            var now = _time.GetTimestamp();
            if (_time.GetElapsedTime(Volatile.Read(ref _lastLook), now) >= _tls.CheckInterval && _reloading.TryEnter())
            {
                // One connection looks; the others use the certificate in hand meanwhile.
                try
                {
                    Volatile.Write(ref _lastLook, now);
                    ReloadIfChanged();
                }
                finally
                {
                    _reloading.Exit();
                }
            }

            return _context;
        }
    }

    private void ReloadIfChanged()
    {
        var stamps = FileStamps.Of(_tls);
        if (stamps == _loaded || stamps == _failed)
        {
            return;
        }

        try
        {
            _context = Build(_tls);
            _loaded = stamps;
            _failed = default;
            Description = Describe(_context.TargetCertificate);
            LogReloaded(Description);
        }
        catch (InvalidSettingException ex)
        {
            // The message names the variable and the problem, never a file's content.
            _failed = stamps;
            LogReloadFailed(ex.Message);
        }
    }

    private static SslStreamCertificateContext Build(TlsOptions tls)
    {
        var certificate = TlsCertificateLoader.Load(tls, out var intermediates);

        // Offline: the chain is built from the file's intermediates and the system store, never fetched.
        return SslStreamCertificateContext.Create(certificate, intermediates, offline: true);
    }

    // The fingerprint is public (every client sees the certificate); its start matches `openssl x509 -fingerprint -sha256`.
    private static string Describe(X509Certificate2 certificate) => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"{certificate.Subject}, valid until {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm:ss}Z, sha256 {Convert.ToHexString(certificate.GetCertHash(System.Security.Cryptography.HashAlgorithmName.SHA256))[..16]}…");

    private readonly record struct FileStamps(long CertLength, DateTime CertWritten, long KeyLength, DateTime KeyWritten, long PasswordLength, DateTime PasswordWritten)
    {
        public static FileStamps Of(TlsOptions tls)
        {
            var (certLength, certWritten) = Stamp(tls.CertFile);
            var (keyLength, keyWritten) = Stamp(tls.KeyFile);
            var (passwordLength, passwordWritten) = Stamp(tls.KeyPasswordFile);
            return new FileStamps(certLength, certWritten, keyLength, keyWritten, passwordLength, passwordWritten);
        }

        private static (long Length, DateTime Written) Stamp(string? path)
        {
            if (path is null)
            {
                return default;
            }

            try
            {
                // Follows symbolic links (certbot's live/ folder, Kubernetes secret volumes): the target's stamp counts.
                var info = new FileInfo(path);
                var target = info.LinkTarget is null ? info : info.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? info;
                return target.Exists ? (target.Length, target.LastWriteTimeUtc) : (-1, default);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return (-1, default);
            }
        }
    }
}
