using System.Reflection;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace G6.Summary.Transport;

/// <summary>
/// Options for the connections the direct stream transport hands to Kestrel. Kestrel's HTTP layer
/// expects the memory pool of its own socket transport (pinned 4 KB blocks): with the default pool of
/// a bare <see cref="SocketConnectionFactoryOptions"/> a request Kestrel serves is reset on its first
/// write (tried again on .NET 10.0.12: the hardening tests fail that way). .NET 10 has no public setter
/// for the pool, so it is set through the options' internal property: the one non-public member this
/// service touches, here and nowhere else. The public alternative, a Kestrel connection middleware, was
/// built and measured and costs 2.8 times the memory per idle stream (docs/STREAMING.md, Performance,
/// "Direct path"). When the property is missing (another framework version) the direct path is off, the
/// log says so at start and health shows it (<see cref="DirectStreamsState"/>), and a test fails in CI.
/// </summary>
internal static class KestrelConnectionOptions
{
    private static readonly PropertyInfo? PoolFactoryProperty = typeof(SocketConnectionFactoryOptions).GetProperty(
        "MemoryPoolFactory", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);

    /// <summary>True when this framework lets the direct transport share Kestrel's memory pool.</summary>
    public static bool IsSupported =>
        PoolFactoryProperty is { CanWrite: true } property && property.PropertyType == typeof(IMemoryPoolFactory<byte>);

    public static SocketConnectionFactoryOptions? TryCreate(IMemoryPoolFactory<byte>? pools)
    {
        if (pools is null || !IsSupported)
        {
            return null;
        }

        var options = new SocketConnectionFactoryOptions();
        PoolFactoryProperty!.SetValue(options, pools);
        return options;
    }
}
