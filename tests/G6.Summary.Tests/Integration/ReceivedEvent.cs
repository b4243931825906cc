using System.Text.Json;

namespace G6.Summary.Tests.Integration;

/// <summary>One event as a client received it.</summary>
internal sealed record ReceivedEvent(string Name, string Id, JsonElement Data, string RawData)
{
    /// <summary>When the client parsed it, Unix epoch milliseconds (comparable with the server's <c>ts</c> on one machine).</summary>
    public double ReceivedAtMs { get; init; }

    /// <summary>Publish-to-receipt time as this client saw it.</summary>
    public double LatencyMs => ReceivedAtMs - Data.GetProperty("ts").GetDouble();

    public long Seq => Data.GetProperty("seq").GetInt64();
}
