using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace G6.Summary.Tests.TestSupport;

/// <summary>
/// A real <c>redis-server</c> (Debian's package, installed by <c>.ci/run</c>) of the test's own: loopback
/// only, a free port, its files in a temporary folder, no persistence unless the test asks for it; ready
/// when it answers PING, killed on dispose. <see cref="Pause"/>, <see cref="Resume"/> and
/// <see cref="KillAsync"/> are the faults (SIGSTOP, SIGCONT, SIGKILL); <see cref="StartAgainAsync"/> brings
/// it back on the same port and folder.
/// </summary>
public sealed partial class RedisServer : IAsyncDisposable
{
    public const string Executable = "/usr/bin/redis-server";

    private static readonly TimeSpan ReadyWait = TimeSpan.FromSeconds(15);

    private readonly TempDirectory _directory = new();
    private readonly string[] _arguments;
    private Process? _process;

    private RedisServer(string[] arguments)
    {
        _arguments = arguments;
    }

    public int Port { get; private set; }

    /// <summary>G6_REDIS for the service under test.</summary>
    public string Configuration => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

    public int ProcessId => _process?.Id ?? 0;

    /// <param name="arguments">Extra redis-server arguments, e.g. <c>--appendonly yes</c> for a persistence test (they come last, so they win).</param>
    public static async Task<RedisServer> StartAsync(params string[] arguments)
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"{Executable} is missing: install Debian's redis-server (.ci/run does)");
        }

        var server = new RedisServer(arguments);

        // redis-server can bind port 0 only by not listening at all, so take a free port and retry if it is taken meanwhile.
        for (var attempt = 1; ; attempt++)
        {
            server.Port = FreePort();
            if (await server.LaunchAsync())
            {
                return server;
            }

            if (attempt == 3)
            {
                throw new InvalidOperationException($"redis-server did not start: {server.LogText()}");
            }
        }
    }

    /// <summary>Starts it again where it was (same port, same folder: an AOF or RDB file there is loaded).</summary>
    public async Task StartAgainAsync()
    {
        if (!await LaunchAsync())
        {
            throw new InvalidOperationException($"redis-server did not start again: {LogText()}");
        }
    }

    /// <summary>SIGSTOP: the server keeps its sockets but answers nothing (a stalled Redis).</summary>
    public void Pause() => Signal(SigStop);

    /// <summary>SIGCONT after <see cref="Pause"/>.</summary>
    public void Resume() => Signal(SigCont);

    /// <summary>SIGKILL, and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    /// <summary>Sends one command and returns the first line of the reply (e.g. <c>+PONG</c>, <c>:3</c>).</summary>
    public async Task<string> CommandAsync(params string[] command)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, Port), timeout.Token);
        var request = new StringBuilder().Append(CultureInfo.InvariantCulture, $"*{command.Length}\r\n");
        foreach (var part in command)
        {
            request.Append(CultureInfo.InvariantCulture, $"${Encoding.UTF8.GetByteCount(part)}\r\n{part}\r\n");
        }

        await socket.SendAsync(Encoding.UTF8.GetBytes(request.ToString()), SocketFlags.None, timeout.Token);
        var reply = new StringBuilder();
        var buffer = new byte[1024];
        while (!reply.ToString().Contains("\r\n", StringComparison.Ordinal))
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            if (read == 0)
            {
                break;
            }

            reply.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        var text = reply.ToString();
        var end = text.IndexOf("\r\n", StringComparison.Ordinal);
        return end < 0 ? text : text[..end];
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { } process)
        {
            if (!process.HasExited)
            {
                // A paused server ignores nothing but SIGKILL, which is what this is.
                process.Kill();
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }

        _directory.Dispose();
    }

    private async Task<bool> LaunchAsync()
    {
        _process?.Dispose();
        string[] arguments =
        [
            "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", _directory.Path,
            "--save", "", "--appendonly", "no", "--logfile", _directory.File("redis.log"), "--daemonize", "no",
            .. _arguments,
        ];
        var process = Process.Start(new ProcessStartInfo(Executable, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        using var limit = new CancellationTokenSource(ReadyWait);
        while (!limit.IsCancellationRequested)
        {
            if (process.HasExited)
            {
                return false;
            }

            try
            {
                if (await CommandAsync("PING") == "+PONG")
                {
                    return true;
                }
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException or IOException)
            {
                // Not listening yet (or still loading its data: it answers -LOADING until then).
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), limit.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return false;
    }

    private string LogText() => File.Exists(_directory.File("redis.log")) ? File.ReadAllText(_directory.File("redis.log")) : "(no log)";

    private void Signal(int signal)
    {
        if (_process is null || Kill(_process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill {signal} failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private const int SigStop = 19;
    private const int SigCont = 18;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
