using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;

namespace G6.Summary.Tests.TestSupport;

/// <summary>
/// Reads what the kernel says about the server's side of a test connection. The test server runs in
/// this process, so its accepted sockets are this process's file descriptors: the one whose peer is
/// the client's local address is the server's socket for that client. Only read-only calls are made
/// (<c>getpeername</c>, <c>getsockopt</c>), so the server's socket is observed, never changed. Linux only.
/// </summary>
internal static partial class ServerSockets
{
    private const int SolSocket = 1;
    private const int SoSndBuf = 7;
    private const ushort AfInet = 2;
    private const ushort AfInet6 = 10;

    /// <summary>
    /// SO_SNDBUF as the kernel reports it (on Linux twice what was asked) for this process's socket
    /// connected to <paramref name="clientLocal"/>; throws if there is no such socket.
    /// </summary>
    public static int SendBufferOfPeer(IPEndPoint clientLocal)
    {
        Assert.True(OperatingSystem.IsLinux(), "reads /proc/self/fd: Linux only");
        foreach (var entry in new DirectoryInfo("/proc/self/fd").EnumerateFileSystemInfos())
        {
            if (!int.TryParse(entry.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var fd)
                || !IsSocket(entry)
                || !PeerIs(fd, clientLocal))
            {
                continue;
            }

            var value = 0;
            var length = sizeof(int);
            if (GetSockOpt(fd, SolSocket, SoSndBuf, ref value, ref length) == 0)
            {
                return value;
            }
        }

        throw new InvalidOperationException($"no socket of this process is connected to {clientLocal}");
    }

    // Other tests open and close files meanwhile: a descriptor listed a moment ago may be gone.
    private static bool IsSocket(FileSystemInfo entry)
    {
        try
        {
            return entry.LinkTarget?.StartsWith("socket:", StringComparison.Ordinal) == true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static bool PeerIs(int fd, IPEndPoint expected)
    {
        Span<byte> address = stackalloc byte[28];
        var length = address.Length;
        if (GetPeerName(fd, ref MemoryMarshal.GetReference(address), ref length) != 0 || length < 8)
        {
            return false;
        }

        var family = BitConverter.IsLittleEndian ? BinaryPrimitives.ReadUInt16LittleEndian(address) : BinaryPrimitives.ReadUInt16BigEndian(address);
        var port = BinaryPrimitives.ReadUInt16BigEndian(address[2..]);
        IPAddress peer;
        if (family == AfInet)
        {
            peer = new IPAddress(address.Slice(4, 4));
        }
        else if (family == AfInet6 && length >= 24)
        {
            peer = new IPAddress(address.Slice(8, 16));
            peer = peer.IsIPv4MappedToIPv6 ? peer.MapToIPv4() : peer;
        }
        else
        {
            return false;
        }

        return port == expected.Port && peer.Equals(expected.Address.IsIPv4MappedToIPv6 ? expected.Address.MapToIPv4() : expected.Address);
    }

    [LibraryImport("libc", EntryPoint = "getpeername", SetLastError = true)]
    private static partial int GetPeerName(int fd, ref byte address, ref int length);

    [LibraryImport("libc", EntryPoint = "getsockopt", SetLastError = true)]
    private static partial int GetSockOpt(int fd, int level, int name, ref int value, ref int length);
}
