using System.Collections.Immutable;
using System.Text.Json;
using G6.Summary.Configuration;
using G6.Summary.Panels;
using G6.Summary.Publishing;

namespace G6.Summary.Tests.Publishing;

/// <summary>A publisher over a real log and encoder, with helpers to read events back.</summary>
internal sealed class PublisherHarness
{
    public PublisherHarness(SummaryOptions? options = null)
    {
        Options = options ?? new SummaryOptions();
        Log = new InMemoryEventLog("ab12cd34", Options.Streaming.QueueMax + 64);
        Encoder = new EventEncoder(Options, TimeProvider.System);
        Publisher = new SummaryPublisher(Options, Log, Encoder, TimeProvider.System);
    }

    public SummaryOptions Options { get; }

    public InMemoryEventLog Log { get; }

    public EventEncoder Encoder { get; }

    public SummaryPublisher Publisher { get; }

    public long Cycle { get; private set; }

    public static IReadOnlyList<PanelContent> Panels(params (string Key, string Line)[] panels) =>
        [.. panels.Select(p => new PanelContent(p.Key, p.Key.ToUpperInvariant(), ImmutableArray.Create(p.Line)))];

    /// <summary>
    /// One cycle. The in-memory log appends synchronously, so the publisher's task is already complete
    /// here and reading its result does not block.
    /// </summary>
    public PublishedEvent? Run(IReadOnlyList<PanelContent> panels, string? problem = null)
    {
        var publish = Publisher.PublishAsync(new CycleReport(++Cycle, panels, problem), CancellationToken.None).AsTask();
        Assert.True(publish.IsCompleted);
        return publish.Result;
    }

    /// <summary>Parses an encoded frame into (event name, id, data).</summary>
    public static (string Name, string Id, JsonElement Data) Parse(ReadOnlyMemory<byte> frame)
    {
        var text = System.Text.Encoding.UTF8.GetString(frame.Span);
        var lines = text.Split('\n');
        string? name = null, id = null, data = null;
        foreach (var line in lines)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line[7..];
            }
            else if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line[4..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                Assert.Null(data);
                data = line[6..];
            }
        }

        Assert.EndsWith("\n\n", text, StringComparison.Ordinal);
        return (name!, id!, JsonDocument.Parse(data!).RootElement.Clone());
    }
}
