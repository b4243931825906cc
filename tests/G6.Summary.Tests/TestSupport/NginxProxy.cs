using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace G6.Summary.Tests.TestSupport;

/// <summary>
/// A real nginx (Debian's <c>nginx-light</c>, installed by <c>.ci/run</c>) in front of a server, running
/// the operators' own <c>deploy/nginx/g6-summary-locations.conf</c> from a temporary folder: one
/// foreground process, no root paths, stopped and deleted afterwards.
/// </summary>
public sealed class NginxProxy : IAsyncDisposable
{
    public const string Executable = "/usr/sbin/nginx";

    private readonly Process _process;
    private readonly TempDirectory _directory;

    private NginxProxy(Process process, TempDirectory directory, Uri baseAddress)
    {
        _process = process;
        _directory = directory;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<NginxProxy> StartAsync(Uri upstream)
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"{Executable} is missing: install Debian's nginx-light (.ci/run does)");
        }

        // nginx cannot bind port 0 and report it, so take a free port and retry if another process wins it meanwhile.
        for (var attempt = 1; ; attempt++)
        {
            var directory = new TempDirectory();
            var port = FreePort();
            var config = directory.File("nginx.conf");
            await File.WriteAllTextAsync(config, Config(directory.Path, upstream, port));
            var process = Process.Start(new ProcessStartInfo(Executable, ["-c", config, "-p", directory.Path, "-e", directory.File("error.log")])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            })!;
            var proxy = new NginxProxy(process, directory, new Uri($"http://127.0.0.1:{port}/"));
            if (await proxy.WaitUntilListeningAsync(port))
            {
                return proxy;
            }

            var log = File.Exists(directory.File("error.log")) ? await File.ReadAllTextAsync(directory.File("error.log")) : string.Empty;
            await proxy.DisposeAsync();
            if (attempt == 3 || !log.Contains("Address already in use", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"nginx did not start: {log}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        _directory.Dispose();
    }

    private static string Config(string directory, Uri upstream, int port) => $$"""
        daemon off;
        master_process off;
        worker_processes 1;
        pid {{directory}}/nginx.pid;
        error_log {{directory}}/error.log warn;
        events { worker_connections 256; }
        http {
            access_log off;
            client_body_temp_path {{directory}}/client_body;
            proxy_temp_path {{directory}}/proxy;
            fastcgi_temp_path {{directory}}/fastcgi;
            uwsgi_temp_path {{directory}}/uwsgi;
            scgi_temp_path {{directory}}/scgi;
            upstream g6_summary { server 127.0.0.1:{{upstream.Port.ToString(CultureInfo.InvariantCulture)}}; keepalive 16; }
            server {
                listen 127.0.0.1:{{port.ToString(CultureInfo.InvariantCulture)}};
                include {{Path.Combine(Fixtures.RepositoryRoot, "deploy", "nginx", "g6-summary-locations.conf")}};
            }
        }
        """;

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>True once nginx accepts connections on the port; false if it exited first (see its error log).</summary>
    private async Task<bool> WaitUntilListeningAsync(int port)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!_process.HasExited)
        {
            using var probe = new Socket(SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await probe.ConnectAsync(IPAddress.Loopback, port, limit.Token);
                return true;
            }
            catch (SocketException)
            {
                await Task.WhenAny(_process.WaitForExitAsync(limit.Token), Task.Delay(TimeSpan.FromMilliseconds(20), limit.Token));
            }
        }

        return false;
    }
}
