using Microsoft.Extensions.Logging;

namespace G6.Summary.Security;

public sealed partial class ServerCertificate
{
    [LoggerMessage(EventId = 4120, Level = LogLevel.Information, Message = "TLS certificate loaded: {Certificate}")]
    private partial void LogLoaded(string certificate);

    [LoggerMessage(EventId = 4121, Level = LogLevel.Information, Message = "TLS certificate reloaded (new connections get it; open ones keep theirs): {Certificate}")]
    private partial void LogReloaded(string certificate);

    [LoggerMessage(EventId = 4122, Level = LogLevel.Warning, Message = "TLS certificate not reloaded, keeping the one in use: {Problem}")]
    private partial void LogReloadFailed(string problem);
}
