using System.Net;

namespace G6.Summary.Tests.Integration;

/// <summary>The real program in a real process: start-up validation, banner and graceful shutdown.</summary>
public sealed class ServeProcessTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("G6_SUMMARY_REFRESH_SEC", "abc")]
    [InlineData("G6_SSE_PORT", "-1")]
    [InlineData("G6_SSE_HEARTBEAT_CYCLES", "many")]
    [InlineData("G6_SSE_SEND_BUFFER_BYTES", "1024")]
    public async Task Serve_InvalidSetting_ExitsTwoWithOneLineNamingTheVariable(string name, string value)
    {
        await using var service = ServiceProcess.Start(new Dictionary<string, string> { [name] = value }, "serve");
        var code = await service.WaitForExitAsync(StartTimeout);

        Assert.Equal(2, code);
        var line = Assert.Single(service.Stderr, l => l.Length > 0);
        Assert.Contains(name, line, StringComparison.Ordinal);
        Assert.DoesNotContain(service.Stdout, l => l.Contains("events", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Serve_BadTlsFile_ExitsTwoWithOneLineNamingTheVariable()
    {
        using var dir = new TestSupport.TempDirectory();
        File.WriteAllText(dir.File("cert.pem"), "not a certificate\n");
        TestSupport.TestCertificate.Create().WriteTo(dir.File("unused.pem"), dir.File("key.pem"));
        await using var service = ServiceProcess.Start(
            new Dictionary<string, string> { ["G6_SSE_PORT"] = "0", ["G6_SSE_TLS_CERT"] = dir.File("cert.pem"), ["G6_SSE_TLS_KEY"] = dir.File("key.pem") }, "serve");
        Assert.Equal(2, await service.WaitForExitAsync(StartTimeout));
        var line = Assert.Single(service.Stderr, l => l.Length > 0);
        Assert.Equal("invalid setting G6_SSE_TLS_CERT: no PEM certificate in the file (expected -----BEGIN CERTIFICATE-----)", line);
    }

    [Fact]
    public async Task Serve_Tls_Http2StreamGetsByeOnSigTerm_ExitsZero()
    {
        using var dir = new TestSupport.TempDirectory();
        var certificate = TestSupport.TestCertificate.Create();
        certificate.WriteTo(dir.File("cert.pem"), dir.File("key.pem"));
        await using var service = ServiceProcess.Start(
            new Dictionary<string, string> { ["G6_SSE_PORT"] = "0", ["G6_SSE_TLS_CERT"] = dir.File("cert.pem"), ["G6_SSE_TLS_KEY"] = dir.File("key.pem") }, "serve");
        var address = await service.WaitForAddressAsync(StartTimeout);
        Assert.Equal("https", address.Scheme);

        await using var client = new SseTestClient(address, version: HttpVersion.Version20, trustedCertificate: certificate.Thumbprint);
        await client.ConnectAsync("/summary/events", null);
        Assert.Equal(HttpVersion.Version20, client.Response!.Version);
        await client.NextNamedAsync("full_snapshot");

        service.SendSignal(ServiceProcess.SigTerm);
        var (bye, _) = await client.NextNamedAsync("bye");
        Assert.Equal("server shutting down", bye.Data.GetProperty("reason").GetString());
        Assert.Equal(0, await service.WaitForExitAsync(TimeSpan.FromSeconds(15)));
    }

    [Fact]
    public async Task Serve_FlagWinsOverEnvironment()
    {
        await using var service = ServiceProcess.Start(
            new Dictionary<string, string> { ["G6_SSE_PORT"] = "not-a-port" }, "serve", "--port", "0", "--set", "G6_SSE_PORT=0");
        var address = await service.WaitForAddressAsync(StartTimeout);
        Assert.NotEqual(0, address.Port);
        service.SendSignal(ServiceProcess.SigTerm);
        Assert.Equal(0, await service.WaitForExitAsync(StartTimeout));
    }

    [Fact]
    public async Task Serve_SigTerm_EveryStreamGetsByeAndProcessExitsCleanly()
    {
        var environment = new Dictionary<string, string>
        {
            ["G6_SSE_PORT"] = "0",
            ["G6_SHUTDOWN_GRACE_SEC"] = "5",
            ["G6_SUMMARY_REFRESH_SEC"] = "0.2",
        };
        await using var service = ServiceProcess.Start(environment, "serve");
        var address = await service.WaitForAddressAsync(StartTimeout);

        var clients = new List<SseTestClient>();
        for (var i = 0; i < 3; i++)
        {
            var client = new SseTestClient(address);
            await client.ConnectAsync("/summary/events", null);
            await client.NextNamedAsync("full_snapshot");
            clients.Add(client);
        }

        service.SendSignal(ServiceProcess.SigTerm);
        foreach (var client in clients)
        {
            var (bye, _) = await client.NextNamedAsync("bye");
            Assert.False(string.IsNullOrEmpty(bye.Data.GetProperty("reason").GetString()));
            await client.Completion.WaitAsync(TimeSpan.FromSeconds(10));
            await client.DisposeAsync();
        }

        Assert.Equal(0, await service.WaitForExitAsync(TimeSpan.FromSeconds(15)));
        var output = string.Join("\n", service.Stdout.Concat(service.Stderr));
        Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.Contains(service.Stdout, l => l.Contains("bye to 3 open stream", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Serve_DemoSource_ShowsUpdatesWithoutConfiguration()
    {
        await using var service = ServiceProcess.Start(new Dictionary<string, string> { ["G6_SSE_PORT"] = "0", ["G6_SUMMARY_REFRESH_SEC"] = "0.05" }, "serve");
        var address = await service.WaitForAddressAsync(StartTimeout);
        Assert.Contains(service.Stdout, l => l.Contains("serving demo", StringComparison.Ordinal));

        await using var client = new SseTestClient(address);
        await client.ConnectAsync("/summary/events", null);
        await client.NextNamedAsync("full_snapshot");
        await client.NextNamedAsync("panel_update");

        using var http = new HttpClient { BaseAddress = address };
        using var health = await http.GetAsync(new Uri("/summary/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        service.SendSignal(ServiceProcess.SigInt);
        Assert.Equal(0, await service.WaitForExitAsync(StartTimeout));
    }

    [Fact]
    public async Task Serve_PortTaken_ExitsThreeWithOnlyTheCleanLine()
    {
        using var taken = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        await using var service = ServiceProcess.Start(new Dictionary<string, string>(), "serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(3, await service.WaitForExitAsync(StartTimeout));
        var line = Assert.Single(service.Stderr, l => l.Length > 0);
        Assert.StartsWith($"cannot listen on 127.0.0.1:{port} ", line, StringComparison.Ordinal);
        Assert.Contains("G6_SSE_PORT", line, StringComparison.Ordinal);
        Assert.DoesNotContain(service.Stdout, l => l.Length > 0);
    }

    [Fact]
    public async Task Serve_WithToken_BannerShowsTheHeaderNeverTheToken()
    {
        using var dir = new TestSupport.TempDirectory();
        var tokenFile = dir.File("token");
        await File.WriteAllTextAsync(tokenFile, "banner-secret-4d5e6f\n");
        await using var service = ServiceProcess.Start(
            new Dictionary<string, string> { ["G6_SSE_PORT"] = "0", ["G6_SSE_API_TOKEN_FILE"] = tokenFile }, "serve");
        var address = await service.WaitForAddressAsync(StartTimeout);

        Assert.Contains(service.Stdout, l => l.Contains("try: curl -N -H 'X-API-Token: <your token>' ", StringComparison.Ordinal));
        Assert.DoesNotContain(service.Stdout.Concat(service.Stderr), l => l.Contains("banner-secret", StringComparison.Ordinal));
        service.SendSignal(ServiceProcess.SigTerm);
        Assert.Equal(0, await service.WaitForExitAsync(StartTimeout));
        Assert.NotEqual(0, address.Port);
    }

    [Fact]
    public async Task Serve_JsonLogFormat_StandardOutputIsOneJsonObjectPerLine()
    {
        await using var service = ServiceProcess.Start(
            new Dictionary<string, string> { ["G6_SSE_PORT"] = "0", ["G6_LOG_FORMAT"] = "json" }, "serve");
        var address = await service.WaitForAddressAsync(StartTimeout);
        await using (var client = new SseTestClient(address))
        {
            await client.ConnectAsync("/summary/events", null);
            await client.NextNamedAsync("full_snapshot");
        }

        service.SendSignal(ServiceProcess.SigTerm);
        Assert.Equal(0, await service.WaitForExitAsync(StartTimeout));
        Assert.Contains(service.Stderr, l => l.Contains("events   http://", StringComparison.Ordinal));
        var entries = service.Stdout.Where(l => l.Length > 0).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.Clone()).ToList();
        Assert.Contains(entries, e => e.GetProperty("event_id").GetInt32() == 4101
            && e.GetProperty("message").GetString()!.StartsWith("audit: accepted stream", StringComparison.Ordinal));
        Assert.All(entries, e => Assert.False(string.IsNullOrEmpty(e.GetProperty("level").GetString())));
    }

    [Fact]
    public async Task Serve_BadLogFormat_ExitsTwoNamingTheVariable()
    {
        await using var service = ServiceProcess.Start(new Dictionary<string, string> { ["G6_LOG_FORMAT"] = "xml" }, "serve");
        Assert.Equal(2, await service.WaitForExitAsync(StartTimeout));
        Assert.Contains("G6_LOG_FORMAT", Assert.Single(service.Stderr, l => l.Length > 0), StringComparison.Ordinal);
    }
}
