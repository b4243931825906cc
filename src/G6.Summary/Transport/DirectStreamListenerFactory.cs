using System.Net;
using G6.Summary.Configuration;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging;

namespace G6.Summary.Transport;

/// <summary>
/// Kestrel's transport when <c>G6_SSE_DIRECT_STREAMS</c> is on (the default): Kestrel binds every IP
/// address through this, which puts <see cref="DirectStreamListener"/> in front of its connections.
/// </summary>
internal sealed class DirectStreamListenerFactory(
    SummaryOptions options,
    DirectStreamEndpoint streamEndpoint,
    IMemoryPoolFactory<byte> kestrelPools,
    ILoggerFactory loggerFactory)
    : IConnectionListenerFactory, IConnectionListenerFactorySelector
{
    private readonly SocketConnectionFactoryOptions _kestrelOptions = KestrelConnectionOptions.TryCreate(kestrelPools)
        ?? throw new InvalidOperationException("This framework version does not let the direct stream transport share Kestrel's memory pool.");

    public bool CanBind(EndPoint endpoint) => endpoint is IPEndPoint;

    public ValueTask<IConnectionListener> BindAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        var ip = endpoint as IPEndPoint ?? throw new NotSupportedException("The direct stream transport binds IP addresses only.");
        return ValueTask.FromResult<IConnectionListener>(new DirectStreamListener(ip, options, _kestrelOptions, streamEndpoint, loggerFactory));
    }
}
