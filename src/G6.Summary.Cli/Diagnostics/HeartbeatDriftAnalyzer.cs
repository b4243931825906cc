namespace G6.Summary.Cli.Diagnostics;

/// <summary>
/// Measures heartbeat drift on an idle stream. Two clocks are checked against the cycle numbers: the
/// server's emit time (<c>ts</c>, is the loop on schedule?) and the client's receive time (does the
/// client see it on schedule?). Consecutive heartbeats with nothing between them must be exactly
/// <c>heartbeat_cycles</c> apart.
/// </summary>
public sealed class HeartbeatDriftAnalyzer(TimeSpan refresh, int heartbeatCycles)
{
    private long _firstCycle;
    private double _firstServerMs;
    private double _firstClientMs;
    private long? _previousCycle;
    private bool _otherSincePrevious;
    private int _heartbeats;
    private double _maxServerDrift;
    private double _maxClientDrift;
    private int _spacingViolations;
    private int _otherEvents;

    public void OnHeartbeat(long cycle, double serverTsMs, double clientReceivedMs)
    {
        if (_heartbeats == 0)
        {
            _firstCycle = cycle;
            _firstServerMs = serverTsMs;
            _firstClientMs = clientReceivedMs;
        }
        else
        {
            var cycles = cycle - _firstCycle;
            _maxServerDrift = Math.Max(_maxServerDrift, Math.Abs(cycles - ((serverTsMs - _firstServerMs) / refresh.TotalMilliseconds)));
            _maxClientDrift = Math.Max(_maxClientDrift, Math.Abs(cycles - ((clientReceivedMs - _firstClientMs) / refresh.TotalMilliseconds)));
            if (!_otherSincePrevious && cycle - _previousCycle != heartbeatCycles)
            {
                _spacingViolations++;
            }
        }

        _heartbeats++;
        _previousCycle = cycle;
        _otherSincePrevious = false;
    }

    /// <summary>Any other event: the status changed, so the next heartbeat's spacing is not checked.</summary>
    public void OnOtherEvent()
    {
        _otherEvents++;
        _otherSincePrevious = true;
    }

    public HeartbeatDriftReport Report() =>
        new(_heartbeats, _maxServerDrift, _maxClientDrift, _spacingViolations, _otherEvents);
}
