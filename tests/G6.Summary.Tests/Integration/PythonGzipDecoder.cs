using System.Diagnostics;

namespace G6.Summary.Tests.Integration;

/// <summary>
/// A gzip decoder that is not .NET's: <c>python3</c> with zlib (<c>decompressobj(16 + MAX_WBITS)</c>) reading
/// the raw body from its stdin as it is written, and printing each SSE event the moment it decodes whole
/// (<c>event NAME ID</c>). When its stdin closes it says whether the gzip member ended (<c>member-end</c>,
/// zlib has then checked the trailer's CRC-32 and length) and what <c>gzip.decompress</c> makes of the whole
/// body (<c>gzip-ok LENGTH</c> or <c>gzip-error …</c>).
/// </summary>
internal sealed class PythonGzipDecoder : IAsyncDisposable
{
    private const string Script = """
        import gzip, os, sys, zlib

        def say(*words):
            print(*words, flush=True)

        def emit(block):
            name = None
            event_id = None
            for line in block.split(b"\n"):
                if line.startswith(b"event:"):
                    name = line[6:].strip().decode()
                elif line.startswith(b"id:"):
                    event_id = line[3:].strip().decode()
            if name is not None:
                say("event", name, event_id or "-")

        decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)
        whole = bytearray()
        text = b""
        try:
            while True:
                chunk = os.read(0, 65536)
                if not chunk:
                    break
                whole += chunk
                if decoder.eof:
                    say("after-end", len(chunk))
                    continue
                text += decoder.decompress(chunk)
                while b"\n\n" in text:
                    block, text = text.split(b"\n\n", 1)
                    emit(block)
                if decoder.eof:
                    say("member-end", len(decoder.unused_data))
        except zlib.error as error:
            say("zlib-error", str(error))
            sys.exit(1)
        say("input-end", len(whole), "member" if decoder.eof else "open", len(text))
        try:
            say("gzip-ok", len(gzip.decompress(bytes(whole))))
        except Exception as error:
            say("gzip-error", type(error).__name__, str(error).replace("\n", " "))
        """;

    private readonly LineCapturingProcess _child;

    private PythonGzipDecoder(LineCapturingProcess child)
    {
        _child = child;
    }

    /// <summary>Every line printed so far.</summary>
    public IReadOnlyList<string> Lines => [.. _child.Lines];

    public static PythonGzipDecoder Start()
    {
        var info = new ProcessStartInfo("python3") { RedirectStandardInput = true };
        info.ArgumentList.Add("-u");
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(Script);
        return new PythonGzipDecoder(LineCapturingProcess.Start(info, "python3 not found: the compression tests decode gzip with it (apt-get install python3; .ci/run does this)"));
    }

    /// <summary>Hands body bytes to the decoder at once (a sink for <see cref="CompressedStreamClient"/>).</summary>
    public async Task WriteAsync(ReadOnlyMemory<byte> bytes)
    {
        var stdin = _child.Process.StandardInput.BaseStream;
        await stdin.WriteAsync(bytes);
        await stdin.FlushAsync();
    }

    /// <summary>No more input: the decoder reports the end of the body and exits.</summary>
    public void CloseInput() => _child.Process.StandardInput.Close();

    /// <summary>Waits until the decoder has printed <paramref name="line"/>.</summary>
    public Task WaitForLineAsync(string line, TimeSpan? timeout = null) => WaitForAsync(l => l == line, $"python to print \"{line}\"", timeout);

    public async Task<string> WaitForAsync(Func<string, bool> match, string what, TimeSpan? timeout = null)
    {
        try
        {
            await Wait.UntilAsync(() => _child.Lines.Any(match) || _child.Process.HasExited, what, timeout ?? TimeSpan.FromSeconds(15));
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}; it printed [{string.Join(" | ", _child.Lines)}], stderr [{string.Join(" | ", _child.Errors)}]");
        }

        // Exited: its last lines may still be on their way through the redirected output.
        if (_child.Process.HasExited)
        {
            await _child.Process.WaitForExitAsync();
        }

        return _child.Lines.FirstOrDefault(match)
            ?? throw new InvalidOperationException($"python exited ({_child.Process.ExitCode}) before {what}; it printed [{string.Join(" | ", _child.Lines)}], stderr [{string.Join(" | ", _child.Errors)}]");
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await _child.Process.WaitForExitAsync().WaitAsync(timeout);
        return _child.Process.ExitCode;
    }

    public ValueTask DisposeAsync() => _child.DisposeAsync();
}
