using System.Net.Sockets;
using G6.Summary.Configuration;
using Microsoft.Extensions.Logging;

namespace G6.Summary.Transport;

/// <summary>
/// Bounds the kernel send buffer of every stream socket (<c>G6_SSE_SEND_BUFFER_BYTES</c>), on the direct
/// transport and on streams Kestrel serves alike. Without it Linux autotunes a stalled stream's buffer up
/// to <c>tcp_wmem</c>'s maximum (4 MiB): about a thousand events that the service cannot see, cannot
/// drop and cannot bound, so <c>G6_SSE_QUEUE_MAX</c> would bound neither how stale a stalled client gets
/// nor what it costs the machine (docs/STREAMING.md, Slow clients and Performance).
/// </summary>
/// <remarks>
/// Set per stream socket after admission rather than on the listening socket (whose accepted sockets
/// would inherit it on Linux): resync, health and metrics answers keep the kernel's autotuning, and a
/// refused request costs no system call. Setting SO_SNDBUF also turns the kernel's autotuning off for
/// that socket, which is the point. Linux doubles the value for its bookkeeping, grants at least 4,608
/// bytes and caps the value asked at <c>net.core.wmem_max</c>; the first stream reads the grant back and
/// says once if the kernel capped it.
/// </remarks>
internal sealed partial class StreamSendBuffer(SummaryOptions options, ILogger<StreamSendBuffer> logger)
{
    private int _checked;

    /// <summary>Bytes asked for each stream socket; 0 leaves the kernel's autotuning on.</summary>
    public int RequestedBytes => options.Transport.SendBufferBytes;

    /// <summary>Applies the bound to a stream's socket; a socket the client already closed is left alone.</summary>
    public void Apply(Socket? socket)
    {
        if (socket is null || options.Transport.SendBufferBytes == 0)
        {
            return;
        }

        try
        {
            socket.SendBufferSize = options.Transport.SendBufferBytes;
            if (Interlocked.Exchange(ref _checked, 1) == 0)
            {
                var granted = socket.SendBufferSize;
                if (granted < ExpectedGrant(options.Transport.SendBufferBytes))
                {
                    LogCapped(SettingNames.SendBufferBytes, options.Transport.SendBufferBytes, granted);
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // The client is already gone (reset or closed): its stream ends at the first write.
        }
    }

    /// <summary>
    /// What the kernel grants when nothing caps it: Linux doubles the value asked (socket(7): room for
    /// its bookkeeping), so anything less means <c>net.core.wmem_max</c> capped it; elsewhere the value.
    /// </summary>
    internal static long ExpectedGrant(int requested) => OperatingSystem.IsLinux() ? 2L * requested : requested;
}
