using Microsoft.Extensions.Logging;

namespace G6.Summary.Panels;

public sealed partial class PanelRegistry
{
    // Once per failure streak, not once per cycle: a broken provider would otherwise flood the log.
    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning,
        Message = "Panel {PanelKey} failed to build ({FailureType}); showing an error panel until it recovers")]
    private partial void LogPanelFailed(string panelKey, string failureType);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Information, Message = "Panel {PanelKey} builds again")]
    private partial void LogPanelRecovered(string panelKey);
}
