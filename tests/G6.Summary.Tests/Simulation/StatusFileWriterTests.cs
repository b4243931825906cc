using G6.Summary.Bench.Simulation;
using G6.Summary.Tests.TestSupport;

namespace G6.Summary.Tests.Simulation;

public sealed class StatusFileWriterTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task WriteAtomicallyAsync_NewAndExistingFile_WritesContentAndLeavesNoTemp()
    {
        var path = _temp.File("status.json");

        await StatusFileWriter.WriteAtomicallyAsync(path, "{\"a\":1}"u8.ToArray(), CancellationToken.None);
        await StatusFileWriter.WriteAtomicallyAsync(path, "{\"b\":2}"u8.ToArray(), CancellationToken.None);

        Assert.Equal("{\"b\":2}", await File.ReadAllTextAsync(path));
        Assert.Equal(["status.json"], Directory.GetFiles(_temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task WriteAtomicallyAsync_MissingDirectory_IsCreated()
    {
        var path = Path.Combine(_temp.Path, "a", "b", "status.json");

        await StatusFileWriter.WriteAtomicallyAsync(path, "{}"u8.ToArray(), CancellationToken.None);

        Assert.Equal("{}", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task WriteAtomicallyAsync_RenameFails_RemovesTempAndThrows()
    {
        // A directory where the file should be makes the final rename fail.
        var path = _temp.File("status.json");
        Directory.CreateDirectory(path);

        await Assert.ThrowsAnyAsync<IOException>(() => StatusFileWriter.WriteAtomicallyAsync(path, "{}"u8.ToArray(), CancellationToken.None));

        Assert.Empty(Directory.GetFiles(_temp.Path));
    }

    [Fact]
    public async Task WriteAtomicallyAsync_Cancelled_RemovesTempAndThrows()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => StatusFileWriter.WriteAtomicallyAsync(_temp.File("status.json"), "{}"u8.ToArray(), cts.Token));

        Assert.Empty(Directory.GetFiles(_temp.Path));
    }
}
