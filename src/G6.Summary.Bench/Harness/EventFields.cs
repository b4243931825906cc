using System.Text.Json;

namespace G6.Summary.Bench.Harness;

/// <summary>
/// The three fields the harness reads from an event's JSON data: <c>seq</c>, <c>ts</c> and
/// <c>coalesced</c>, top level only. Read with <see cref="Utf8JsonReader"/> straight from the received
/// bytes (no string, no DOM). Reading stops once <c>seq</c> and <c>ts</c> are known when the bytes do
/// not mention <c>"coalesced"</c> at all (a vectorised search, far cheaper than walking the rest of a
/// ~1.5 KB object: the walk was 14 % of the harness's CPU at 10,000 streams), so "not a JSON object"
/// is judged on the part read.
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
        var mayCoalesce = data.IndexOf("\"coalesced\""u8) >= 0;
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
                    if (HaveAll(seq, ts, mayCoalesce))
                    {
                        break;
                    }
                }
                else if (reader.ValueTextEquals("ts"u8))
                {
                    reader.Read();
                    ts = reader.TokenType == JsonTokenType.Number ? reader.GetDouble() : null;
                    if (HaveAll(seq, ts, mayCoalesce))
                    {
                        break;
                    }
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

            if (reader.TokenType != JsonTokenType.EndObject && !HaveAll(seq, ts, mayCoalesce))
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

    private static bool HaveAll(long? seq, double? ts, bool mayCoalesce) => seq is not null && ts is not null && !mayCoalesce;
}
