using G6.Summary.Configuration;
using G6.Summary.Tests.TestSupport;

namespace G6.Summary.Tests.Integration;

/// <summary>
/// Compressed streams through Kestrel's HTTP layer (<c>G6_SSE_DIRECT_STREAMS=0</c>), and over TLS, where every
/// stream takes that layer: HTTP/2 (by ALPN) and HTTP/1.1.
/// </summary>
public sealed class CompressionOverKestrelTests : CompressionTests
{
    protected override bool DirectStreams => false;

    [Theory]
    [InlineData("2.0")]
    [InlineData("1.1")]
    public async Task Gzip_OverTls_DecodedWhileOpenAndEndsAsACompleteMember(string version)
    {
        using var dir = new TempDirectory();
        var certificate = TestCertificate.Create();
        certificate.WriteTo(dir.File("cert.pem"), dir.File("key.pem"));
        var source = new ScriptedStatusSource(ScriptedStatusSource.Status());
        await using var server = await TestServer.StartAsync(
            new SummaryOptions
            {
                Tls = new TlsOptions { CertFile = dir.File("cert.pem"), KeyFile = dir.File("key.pem") },
                Streaming = new() { KeepaliveInterval = TimeSpan.FromHours(1) },
            },
            source);
        await using var python = PythonGzipDecoder.Start();
        await using var stream = new CompressedStreamClient(server.BaseAddress, Version.Parse(version), certificate.Thumbprint);
        await stream.ConnectAsync("/summary/events", "gzip", sink: python.WriteAsync);
        Assert.Equal(Version.Parse(version), stream.Response!.Version);
        Assert.Equal(["gzip"], stream.ContentEncodings);
        Assert.Equal(["Accept-Encoding"], stream.Vary);

        await python.WaitForLineAsync($"event full_snapshot {server.Log.Current.EventId}");
        for (var step = 1; step <= 3; step++)
        {
            var id = await PublishAsync(server, source, step);
            await python.WaitForLineAsync($"event panel_update {id}");
        }

        await server.StopAsync();
        var (bye, _) = await stream.NextNamedAsync("bye");
        await AssertEndsCleanlyAsync(stream, python, bye.Id);
    }
}
