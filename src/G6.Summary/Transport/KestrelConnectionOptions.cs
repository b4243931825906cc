using System.Reflection;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace G6.Summary.Transport;

/// <summary>
/// Options for the connections the direct stream transport hands to Kestrel. Kestrel's HTTP layer
/// expects the memory pool of its own socket transport (pinned 4 KB blocks): with the default pool of
/// a bare <see cref="SocketConnectionFactoryOptions"/> a streamed response fails on its first write.
/// .NET 10 has no public setter for the pool, so it is set through the options' internal property;
/// when that property is missing (another framework version), <see cref="TryCreate"/> says so and
/// the service keeps every request on Kestrel's own transport instead.
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
