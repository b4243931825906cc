using G6.Summary.Panels;
using G6.Summary.Snapshot;
using G6.Summary.Status;
using G6.Summary.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace G6.Summary.Tests.Panels;

/// <summary>
/// The publisher sends only panels whose content changed, so a panel must be a pure function of the snapshot:
/// no clock, no randomness, no culture, no state carried between builds.
/// </summary>
public sealed class PanelPurityTests
{
    public static TheoryData<string> StatusFiles => Fixtures.StatusFiles;

    [Theory]
    [MemberData(nameof(StatusFiles))]
    public void BuildAll_SameSnapshotTwice_GivesIdenticalPanels(string fileName)
    {
        var bytes = Fixtures.ReadStatus(fileName);
        var first = PanelRegistry.CreateDefault().BuildAll(StatusSnapshotReader.Read(bytes).Snapshot!);
        var registry = PanelRegistry.CreateDefault();
        registry.BuildAll(StatusSnapshot.Empty);

        // A fresh parse and a registry that built something else first: nothing may leak between builds.
        var second = registry.BuildAll(StatusSnapshotReader.Read(bytes).Snapshot!);

        AssertSame(first, second);
    }

    [Fact]
    public void BuildAll_DemoSnapshots_AreReproducible()
    {
        var clock = new FakeTimeProvider();
        var collector = new DemoCollector(7, clock);
        var registry = PanelRegistry.CreateDefault();
        for (var i = 0; i < 50; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            var snapshot = StatusSnapshotReader.Read(collector.NextStatusJson()).Snapshot!;
            AssertSame(registry.BuildAll(snapshot), registry.BuildAll(snapshot));
        }
    }

    private static void AssertSame(PanelBuildResult first, PanelBuildResult second)
    {
        Assert.Equal(first.Panels.Count, second.Panels.Count);
        for (var i = 0; i < first.Panels.Count; i++)
        {
            Assert.Equal(first.Panels[i].Key, second.Panels[i].Key);
            Assert.Equal(first.Panels[i].Title, second.Panels[i].Title);
            Assert.Equal(first.Panels[i].Lines.ToArray(), second.Panels[i].Lines.ToArray());
        }
    }
}
