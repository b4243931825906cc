using System.Runtime.InteropServices;

namespace G6.Summary.Bench.Harness;

/// <summary>The few libc calls the harness needs on Linux: the open-file limit, clock ticks, and signals.</summary>
internal static partial class NativeMethods
{
    public const int RlimitNoFile = 7;
    public const int ScClkTck = 2;
    public const int SigTerm = 15;

    [StructLayout(LayoutKind.Sequential)]
    public struct RLimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    [LibraryImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    public static partial int GetRLimit(int resource, out RLimit limit);

    [LibraryImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
    public static partial int SetRLimit(int resource, in RLimit limit);

    [LibraryImport("libc", EntryPoint = "sysconf", SetLastError = true)]
    public static partial long SysConf(int name);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);
}
