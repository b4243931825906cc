using System.Net;
using Microsoft.AspNetCore.Http;

namespace G6.Summary.Security;

/// <summary>
/// The peer a request comes from: the socket's address, or the client named in <c>X-Forwarded-For</c>
/// when (and only when) the operator listed the proxy in <c>G6_SSE_TRUSTED_PROXIES</c>; the forwarded
/// headers middleware has then already replaced it.
/// </summary>
public static class PeerAddress
{
    public static IPAddress Of(HttpContext context)
    {
        return Normalize(context.Connection.RemoteIpAddress);
    }

    /// <summary>A socket's peer as allow lists see it.</summary>
    public static IPAddress Normalize(IPAddress? address)
    {
        address ??= IPAddress.None;

        // A dual-stack socket reports IPv4 peers as ::ffff:a.b.c.d; allow lists are written in IPv4.
        return address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
    }
}
