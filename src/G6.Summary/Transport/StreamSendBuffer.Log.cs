using Microsoft.Extensions.Logging;

namespace G6.Summary.Transport;

internal sealed partial class StreamSendBuffer
{
    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning,
        Message = "{Setting}={Requested}: the kernel granted a send buffer of only {Granted} bytes (on Linux raise net.core.wmem_max)")]
    private partial void LogCapped(string setting, int requested, int granted);
}
