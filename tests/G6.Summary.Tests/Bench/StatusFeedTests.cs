using G6.Summary.Bench.Harness;
using G6.Summary.Snapshot;
using G6.Summary.Status;
using G6.Summary.Tests.TestSupport;

namespace G6.Summary.Tests.Bench;

public sealed class StatusFeedTests
{
    [Fact]
    public void Document_ReadsAsNestedStatus_EveryIndexMovesOnEveryWrite()
    {
        var first = StatusSnapshotReader.Read(StatusFeed.Document(32, 7));
        var second = StatusSnapshotReader.Read(StatusFeed.Document(32, 8));

        Assert.Equal(StatusReadOutcome.Fresh, first.Outcome);
        Assert.Equal(StatusSchema.Nested, first.Snapshot!.Schema);
        Assert.Equal(32, first.Snapshot.Indices.Length);
        Assert.Equal(32, second.Snapshot!.Indices.Length);
        Assert.All(first.Snapshot.Indices.Zip(second.Snapshot.Indices), pair =>
        {
            Assert.Equal(pair.First.Name, pair.Second.Name);
            Assert.NotEqual(pair.First.Ltp, pair.Second.Ltp);
        });
    }

    [Fact]
    public async Task Start_WritesAtOnceThenKeepsRewriting()
    {
        using var folder = new TempDirectory();
        var path = folder.File("status.json");
        await using var feed = StatusFeed.Start(path, 4, ratePerSec: 200);

        // The first document is there before Start returns, so a server started next finds it.
        var before = await File.ReadAllBytesAsync(path);
        Assert.Equal(StatusReadOutcome.Fresh, StatusSnapshotReader.Read(before).Outcome);
        await Integration.Wait.UntilAsync(() => feed.Writes >= 3, "three rewrites");
        Assert.NotEqual(before, await File.ReadAllBytesAsync(path));
    }
}
