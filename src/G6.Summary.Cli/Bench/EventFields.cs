using System.Text.Json;

namespace G6.Summary.Cli.Bench;

/// <summary>
/// The three fields the harness reads from an event's JSON data: <c>seq</c>, <c>ts</c> and
/// <c>coalesced</c>, top level only. Read with <see cref="Utf8JsonReader"/> straight from the received
/// bytes (no string, no DOM): other properties are skipped, so a ~1 KB event costs about a microsecond.
/// </summary>
public readonly record struct EventFields(long? Seq, double? Ts, long? Coalesced)
{
    /// <summary>False when <paramref name="data"/> is not a JSON object.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out EventFields fields)
    {
        fields = default;
        long? seq = null;
        double? ts = null;
        long? coalesced = null;
        try
        {
            var reader = new Utf8JsonReader(data);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("seq"u8))
                {
                    reader.Read();
                    seq = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var s) ? s : null;
                }
                else if (reader.ValueTextEquals("ts"u8))
                {
                    reader.Read();
                    ts = reader.TokenType == JsonTokenType.Number ? reader.GetDouble() : null;
                }
                else if (reader.ValueTextEquals("coalesced"u8))
                {
                    reader.Read();
                    coalesced = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var c) ? c : null;
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject)
            {
                return false;
            }
        }
        catch (JsonException)
        {
            return false;
        }

        fields = new EventFields(seq, ts, coalesced);
        return true;
    }
}
