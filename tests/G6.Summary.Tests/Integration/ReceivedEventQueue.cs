using System.Threading.Channels;

namespace G6.Summary.Tests.Integration;

/// <summary>
/// The events a test client has read off its stream, in order: its reader writes them here, the test waits for
/// the next one with a bound instead of sleeping. Shared by <see cref="SseTestClient"/> and <see cref="CompressedStreamClient"/>.
/// </summary>
internal sealed class ReceivedEventQueue
{
    private readonly Channel<ReceivedEvent> _events = Channel.CreateUnbounded<ReceivedEvent>();

    public ChannelWriter<ReceivedEvent> Writer => _events.Writer;

    /// <param name="detail">What to add to a timeout's message (e.g. the bytes received so far).</param>
    public async Task<ReceivedEvent> NextAsync(TimeSpan? wait = null, Func<string>? detail = null)
    {
        var limit = wait ?? SseTestClient.DefaultWait;
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            return await _events.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no event within {limit.TotalSeconds} s{(detail is null ? "" : " (" + detail() + ")")}");
        }
        catch (ChannelClosedException)
        {
            throw new EndOfStreamException("the server closed the stream");
        }
    }

    /// <summary>Reads until an event named <paramref name="name"/> arrives; returns it and what came before.</summary>
    public async Task<(ReceivedEvent Match, List<ReceivedEvent> Before)> NextNamedAsync(string name, TimeSpan? wait = null, Func<string>? detail = null)
    {
        var before = new List<ReceivedEvent>();
        while (true)
        {
            var evt = await NextAsync(wait, detail);
            if (evt.Name == name)
            {
                return (evt, before);
            }

            before.Add(evt);
        }
    }

    public bool TryRead(out ReceivedEvent evt) => _events.Reader.TryRead(out evt!);
}
