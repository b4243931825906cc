using System.Text.Json;
using G6.Summary.Status;

namespace G6.Summary.Snapshot;

/// <summary>Parses the bytes of a status file into a <see cref="StatusReading"/>. Never throws.</summary>
public static class StatusSnapshotReader
{
    /// <summary>
    /// Deepest nesting accepted. Real status files nest four levels; the bound stops a hostile or corrupt
    /// file from costing more than a trivial amount of work (and matches System.Text.Json's own default).
    /// </summary>
    public const int MaxDepth = 64;

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>
    /// <see cref="StatusReading.Fresh"/> with the snapshot, or <see cref="StatusReading.Failed"/> with reason
    /// <c>empty</c>, <c>invalid_json</c> or <c>not_object</c>.
    /// </summary>
    public static StatusReading Read(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            return ReadCore(utf8Json);
        }
        catch (Exception)
        {
            // The mapper is written not to throw; this keeps a bug there from stopping the summary loop.
            return StatusReading.Failed(StatusReadFailureReasons.InvalidJson, "status could not be read");
        }
    }

    private static StatusReading ReadCore(ReadOnlySpan<byte> utf8Json)
    {
        if (utf8Json.StartsWith(Utf8Bom))
        {
            utf8Json = utf8Json[Utf8Bom.Length..];
        }

        if (utf8Json.TrimStart(" \t\r\n"u8).IsEmpty)
        {
            return StatusReading.Failed(StatusReadFailureReasons.Empty, "status is empty");
        }

        JsonDocument document;
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = MaxDepth });
        try
        {
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException ex)
        {
            return InvalidJson(ex);
        }

        using (document)
        {
            try
            {
                // ParseValue stops after the first value; anything but whitespace after it is a corrupt file.
                if (reader.Read())
                {
                    return StatusReading.Failed(StatusReadFailureReasons.InvalidJson, "status has data after the JSON value");
                }
            }
            catch (JsonException ex)
            {
                return InvalidJson(ex);
            }

            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return StatusReading.Failed(
                    StatusReadFailureReasons.NotAnObject,
                    $"status root is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object");
            }

            return StatusReading.Fresh(StatusSnapshotMapper.Map(root));
        }
    }

    // The position helps an operator find a corrupt byte; the exception text itself is not shown.
    private static StatusReading InvalidJson(JsonException ex) =>
        StatusReading.Failed(
            StatusReadFailureReasons.InvalidJson,
            ex.LineNumber is { } line
                ? $"status is not valid JSON (line {line + 1}, byte {ex.BytePositionInLine.GetValueOrDefault() + 1})"
                : "status is not valid JSON");
}
