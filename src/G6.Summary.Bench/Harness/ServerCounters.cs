using System.Globalization;

namespace G6.Summary.Bench.Harness;

/// <summary>
/// A few of our server's own counters, read from its <c>/metrics</c> at the end of a step: what the server
/// saw of the run (writes that waited on a full socket, backlogs dropped, streams cut for being slow).
/// </summary>
public static class ServerCounters
{
    public const string WriteWaits = "g6_sse_http_write_waits_total";
    public const string EventsDropped = "g6_sse_http_events_dropped_total";
    public const string SlowDisconnects = "g6_sse_http_slow_disconnects_total";

    private static readonly string[] Names = [WriteWaits, EventsDropped, SlowDisconnects];

    /// <summary>The counters by name; empty when the server cannot be asked (a figure missing says so).</summary>
    public static async Task<SortedDictionary<string, long>> ReadAsync(Uri eventsUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(eventsUrl);
        var counters = new SortedDictionary<string, long>(StringComparer.Ordinal);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        string text;
        try
        {
            text = await http.GetStringAsync(new Uri(eventsUrl, "/metrics"), cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return counters;
        }

        foreach (var name in Names)
        {
            if (Counter(text, name) is { } value)
            {
                counters[name] = value;
            }
        }

        return counters;
    }

    /// <summary>The value of an unlabelled counter in Prometheus text, or null.</summary>
    public static long? Counter(string exposition, string name)
    {
        ArgumentNullException.ThrowIfNull(exposition);
        ArgumentNullException.ThrowIfNull(name);
        foreach (var line in exposition.Split('\n'))
        {
            if (line.StartsWith(name + " ", StringComparison.Ordinal)
                && double.TryParse(line.AsSpan(name.Length + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                return (long)value;
            }
        }

        return null;
    }
}
