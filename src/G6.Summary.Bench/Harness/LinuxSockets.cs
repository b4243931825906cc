using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace G6.Summary.Bench.Harness;

/// <summary>
/// The libc socket and epoll calls of the harness's Linux reader (<see cref="EpollLoop"/>), with the
/// few constants they take. Linux only; the values are the kernel's generic ABI (x86-64 and arm64).
/// </summary>
internal static partial class LinuxSockets
{
    public const int EAgain = 11;
    public const int EIntr = 4;
    public const int EInProgress = 115;

    public const uint EpollIn = 0x001;
    public const uint EpollOut = 0x004;
    public const uint EpollErr = 0x008;
    public const uint EpollHup = 0x010;

    private const int AfInet = 2;
    private const int AfInet6 = 10;
    private const int SockStream = 1;
    private const int SockNonBlock = 0x800;
    private const int SockCloExec = 0x80000;
    private const int SolSocket = 1;
    private const int SoError = 4;
    private const int IpProtoTcp = 6;
    private const int TcpNoDelay = 1;
    private const int EpollCtlAdd = 1;
    private const int EpollCtlMod = 3;
    private const int EpollCloExec = 0x80000;

    /// <summary>Bytes of one <c>struct epoll_event</c>: packed on x86-64, naturally aligned elsewhere.</summary>
    public static readonly int EpollEventSize = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 12 : 16;

    private static readonly int EpollDataOffset = EpollEventSize == 12 ? 4 : 8;

    public static int LastError => Marshal.GetLastPInvokeError();

    /// <summary>A non-blocking TCP socket with Nagle off; -1 and <see cref="LastError"/> on failure.</summary>
    public static int OpenTcp(AddressFamily family)
    {
        var fd = Socket(family == AddressFamily.InterNetworkV6 ? AfInet6 : AfInet, SockStream | SockNonBlock | SockCloExec, 0);
        if (fd >= 0)
        {
            var one = 1;
            _ = SetSockOpt(fd, IpProtoTcp, TcpNoDelay, ref one, sizeof(int));
        }

        return fd;
    }

    /// <summary>Starts a connect; 0 when connected or in progress, else the errno.</summary>
    public static unsafe int StartConnect(int fd, IPEndPoint endPoint)
    {
        Span<byte> address = stackalloc byte[28];
        address.Clear();
        int length;
        if (endPoint.AddressFamily == AddressFamily.InterNetworkV6)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(address, AfInet6);
            BinaryPrimitives.WriteUInt16BigEndian(address[2..], (ushort)endPoint.Port);
            endPoint.Address.TryWriteBytes(address[8..24], out _);
            BinaryPrimitives.WriteUInt32LittleEndian(address[24..], (uint)endPoint.Address.ScopeId);
            length = 28;
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(address, AfInet);
            BinaryPrimitives.WriteUInt16BigEndian(address[2..], (ushort)endPoint.Port);
            endPoint.Address.TryWriteBytes(address[4..8], out _);
            length = 16;
        }

        fixed (byte* pointer = address)
        {
            if (Connect(fd, pointer, length) == 0)
            {
                return 0;
            }
        }

        var error = LastError;
        return error == EInProgress ? 0 : error;
    }

    /// <summary>The socket's pending error (0 once a connect has succeeded).</summary>
    public static int PendingError(int fd)
    {
        var error = 0;
        var length = sizeof(int);
        return GetSockOpt(fd, SolSocket, SoError, ref error, ref length) == 0 ? error : LastError;
    }

    public static int Watch(int epoll, int fd, uint events, ulong data) => EpollControl(epoll, EpollCtlAdd, fd, events, data);

    public static int Rewatch(int epoll, int fd, uint events, ulong data) => EpollControl(epoll, EpollCtlMod, fd, events, data);

    public static uint EventsAt(ReadOnlySpan<byte> events, int index) =>
        BinaryPrimitives.ReadUInt32LittleEndian(events[(index * EpollEventSize)..]);

    public static ulong DataAt(ReadOnlySpan<byte> events, int index) =>
        BinaryPrimitives.ReadUInt64LittleEndian(events[((index * EpollEventSize) + EpollDataOffset)..]);

    public static int CreateEpoll() => EpollCreate1(EpollCloExec);

    public static unsafe int Wait(int epoll, Span<byte> events, int timeoutMs)
    {
        fixed (byte* pointer = events)
        {
            return EpollWait(epoll, pointer, events.Length / EpollEventSize, timeoutMs);
        }
    }

    public static unsafe long Receive(int fd, Span<byte> buffer)
    {
        fixed (byte* pointer = buffer)
        {
            return Recv(fd, pointer, (nuint)buffer.Length, 0);
        }
    }

    public static unsafe long Send(int fd, ReadOnlySpan<byte> buffer)
    {
        // MSG_NOSIGNAL: a closed peer is an error to report, not a SIGPIPE.
        fixed (byte* pointer = buffer)
        {
            return SendTo(fd, pointer, (nuint)buffer.Length, 0x4000);
        }
    }

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    private static unsafe int EpollControl(int epoll, int operation, int fd, uint events, ulong data)
    {
        Span<byte> evt = stackalloc byte[16];
        evt.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(evt, events);
        BinaryPrimitives.WriteUInt64LittleEndian(evt[EpollDataOffset..], data);
        fixed (byte* pointer = evt)
        {
            return EpollCtl(epoll, operation, fd, pointer);
        }
    }

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    private static partial int Socket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "connect", SetLastError = true)]
    private static unsafe partial int Connect(int fd, byte* address, int length);

    [LibraryImport("libc", EntryPoint = "getsockopt", SetLastError = true)]
    private static partial int GetSockOpt(int fd, int level, int name, ref int value, ref int length);

    [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    private static partial int SetSockOpt(int fd, int level, int name, ref int value, int length);

    [LibraryImport("libc", EntryPoint = "recv", SetLastError = true)]
    private static unsafe partial long Recv(int fd, byte* buffer, nuint length, int flags);

    [LibraryImport("libc", EntryPoint = "send", SetLastError = true)]
    private static unsafe partial long SendTo(int fd, byte* buffer, nuint length, int flags);

    [LibraryImport("libc", EntryPoint = "epoll_create1", SetLastError = true)]
    private static partial int EpollCreate1(int flags);

    [LibraryImport("libc", EntryPoint = "epoll_ctl", SetLastError = true)]
    private static unsafe partial int EpollCtl(int epoll, int operation, int fd, byte* evt);

    [LibraryImport("libc", EntryPoint = "epoll_wait", SetLastError = true)]
    private static unsafe partial int EpollWait(int epoll, byte* events, int maxEvents, int timeoutMs);
}
