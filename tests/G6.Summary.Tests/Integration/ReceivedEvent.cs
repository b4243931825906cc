using System.Text.Json;

namespace G6.Summary.Tests.Integration;

/// <summary>One event as a client received it.</summary>
internal sealed record ReceivedEvent(string Name, string Id, JsonElement Data, string RawData)
{
    public long Seq => Data.GetProperty("seq").GetInt64();
}
