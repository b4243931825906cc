using G6.Summary.Panels;
using G6.Summary.Snapshot;
using G6.Summary.Status;
using G6.Summary.Tests.Panels;
using Microsoft.Extensions.Time.Testing;

namespace G6.Summary.Tests.Status;

public sealed class DemoCollectorTests
{
    private const int Seed = 42;

    [Fact]
    public void NextStatusJson_SameSeedAndClock_GivesIdenticalBytes()
    {
        var first = Run(Seed, 200);
        var second = Run(Seed, 200);

        Assert.Equal(first.Count, second.Count);
        for (var i = 0; i < first.Count; i++)
        {
            Assert.Equal(first[i], second[i]);
        }
    }

    [Fact]
    public async Task DemoStatusSource_BusyProfile_EveryCycleChangesIndicesAndPublishesAboutOneKilobyte()
    {
        var clock = new FakeTimeProvider();
        var source = new DemoStatusSource(new DemoCollector(Seed, clock, DemoProfile.Busy));
        var registry = PanelRegistry.CreateDefault();
        var harness = new G6.Summary.Tests.Publishing.PublisherHarness();
        var sizes = new List<int>();

        // Several quiet-spell periods and a whole market session: a realistic collector would go quiet and close.
        for (var cycle = 1; cycle <= DemoCollector.OpenCycles + DemoCollector.ClosedCycles + 10; cycle++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(100));
            var reading = await source.ReadAsync(CancellationToken.None);
            Assert.Equal(StatusReadOutcome.Fresh, reading.Outcome);
            var evt = harness.Run(registry.BuildAll(reading.Snapshot!).Panels);
            Assert.NotNull(evt);
            Assert.Equal("panel_update", evt.Name);
            if (cycle > 1)
            {
                Assert.Contains(PanelKeys.Indices, evt.ChangedKeys);
                sizes.Add(evt.Frame.Length);
            }
        }

        Assert.Equal("demo (busy)", source.Description);
        Assert.InRange(sizes.Average(), 600, 2000);
    }

    [Fact]
    public void NextStatusJson_DifferentSeeds_Differ()
    {
        Assert.NotEqual(Run(1, 3)[2], Run(2, 3)[2]);
    }

    [Fact]
    public void NextStatusJson_QuietSpell_ReturnsSameBytes()
    {
        var outputs = Run(Seed, DemoCollector.QuietSpellPeriod * 2);
        var firstQuiet = DemoCollector.QuietSpellPeriod - DemoCollector.QuietSpellLength;

        for (var i = 1; i < outputs.Count; i++)
        {
            var quiet = i % DemoCollector.QuietSpellPeriod >= firstQuiet;
            Assert.Equal(quiet, outputs[i].AsSpan().SequenceEqual(outputs[i - 1]));
        }
    }

    [Fact]
    public void NextStatusJson_Output_ParsesAsNestedStatus()
    {
        var clock = new FakeTimeProvider();
        var collector = new DemoCollector(Seed, clock);
        var registry = PanelRegistry.CreateDefault();
        for (var i = 0; i < 100; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            var reading = StatusSnapshotReader.Read(collector.NextStatusJson());

            Assert.Equal(StatusReadOutcome.Fresh, reading.Outcome);
            var snapshot = reading.Snapshot!;
            Assert.Equal(StatusSchema.Nested, snapshot.Schema);
            Assert.Equal(["NIFTY", "BANKNIFTY", "FINNIFTY", "MIDCPNIFTY", "SENSEX"], snapshot.Indices.Select(x => x.Name));
            Assert.All(snapshot.Indices, x => Assert.NotNull(x.Ltp));
            Assert.NotNull(snapshot.Loop.Cycle);
            Assert.NotNull(snapshot.Loop.P95CycleMs);
            Assert.NotNull(snapshot.Resources.MemoryMb);
            Assert.NotNull(snapshot.Performance.ApiSuccessRatePct);
            Assert.Equal("F&O", snapshot.Market.Segment);
            PanelAssertions.AssertClean(registry.BuildAll(snapshot));
        }
    }

    [Fact]
    public void NextStatusJson_LongRun_ShowsRealisticVariety()
    {
        var snapshots = Run(Seed, 1000).Select(b => StatusSnapshotReader.Read(b).Snapshot!).ToList();

        Assert.Contains(snapshots, s => s.Market.Status == "CLOSED");
        Assert.Contains(snapshots, s => s.Market.Status == "OPEN");
        Assert.Contains(snapshots, s => s.Indices.Any(x => x.DqScorePct < 80 && x.DqIssues > 0));
        Assert.Contains(snapshots, s => s.Health.Any(h => h.Status == "degraded"));
        var severities = snapshots.SelectMany(s => s.Alerts.Recent).Select(a => a.Severity).ToHashSet();
        Assert.Superset(new HashSet<string?> { "info", "warning", "critical" }, severities);
        Assert.All(snapshots, s => Assert.InRange(s.Alerts.Recent.Length, 0, 5));
        Assert.All(snapshots, s => Assert.All(s.Indices, x => Assert.InRange(x.Ltp!.Value, 5_000, 150_000)));

        var cycles = snapshots.Select(s => s.Loop.Cycle!.Value).ToList();
        Assert.True(cycles.Zip(cycles.Skip(1)).All(p => p.Second == p.First || p.Second == p.First + 1));
    }

    [Fact]
    public async Task DemoStatusSource_QuietSpells_ReturnUnchanged()
    {
        var source = new DemoStatusSource(new DemoCollector(Seed, new FakeTimeProvider()));
        var outcomes = new List<StatusReadOutcome>();
        for (var i = 0; i < DemoCollector.QuietSpellPeriod * 3; i++)
        {
            outcomes.Add((await source.ReadAsync(CancellationToken.None)).Outcome);
        }

        Assert.Equal("demo", source.Description);
        Assert.Equal(DemoCollector.QuietSpellLength * 3, outcomes.Count(o => o == StatusReadOutcome.Unchanged));
        Assert.DoesNotContain(StatusReadOutcome.Failed, outcomes);
        Assert.Equal(StatusReadOutcome.Fresh, outcomes[0]);
        Assert.Equal(
            Enumerable.Repeat(StatusReadOutcome.Unchanged, DemoCollector.QuietSpellLength),
            outcomes.Skip(DemoCollector.QuietSpellPeriod - DemoCollector.QuietSpellLength).Take(DemoCollector.QuietSpellLength));
    }

    [Fact]
    public async Task DemoStatusSource_ActiveCycles_ChangeSomePanelsButNotAll()
    {
        var clock = new FakeTimeProvider();
        var source = new DemoStatusSource(new DemoCollector(Seed, clock));
        var registry = PanelRegistry.CreateDefault();
        var changes = PanelKeys.DisplayOrder.ToDictionary(k => k, _ => 0);
        Dictionary<string, string[]>? previous = null;
        var transitions = 0;
        for (var i = 0; i < 300; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            var reading = await source.ReadAsync(CancellationToken.None);
            if (reading.Outcome != StatusReadOutcome.Fresh)
            {
                continue;
            }

            var panels = registry.BuildAll(reading.Snapshot!).Panels.ToDictionary(p => p.Key, p => p.Lines.ToArray());
            if (previous is not null)
            {
                var changed = panels.Keys.Where(k => !panels[k].SequenceEqual(previous[k])).ToList();
                Assert.NotEmpty(changed);
                Assert.True(changed.Count < panels.Count, $"cycle {i}: every panel changed");
                changed.ForEach(k => changes[k]++);
                transitions++;
            }

            previous = panels;
        }

        Assert.Equal(transitions, changes[PanelKeys.Loop]);
        Assert.Equal(0, changes[PanelKeys.Links]);
        Assert.InRange(changes[PanelKeys.Analytics], 1, transitions / 3);
        Assert.InRange(changes[PanelKeys.Alerts], 1, transitions / 3);
        Assert.InRange(changes[PanelKeys.Storage], 1, transitions / 2);
    }

    [Fact]
    public void NextStatusJson_ClockDrivesTimestamps()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 10, 17, 9, 15, 0, TimeSpan.Zero));
        var collector = new DemoCollector(Seed, clock);
        collector.NextStatusJson();
        clock.Advance(TimeSpan.FromSeconds(125));

        var snapshot = StatusSnapshotReader.Read(collector.NextStatusJson()).Snapshot!;

        Assert.Equal(new DateTimeOffset(2025, 10, 17, 9, 17, 5, TimeSpan.Zero), snapshot.Loop.LastRun);
        Assert.Equal(125, snapshot.App.UptimeSec);
        Assert.Equal(2, snapshot.Loop.Cycle);
    }

    private static List<byte[]> Run(int seed, int calls)
    {
        var clock = new FakeTimeProvider();
        var collector = new DemoCollector(seed, clock);
        var outputs = new List<byte[]>(calls);
        for (var i = 0; i < calls; i++)
        {
            outputs.Add(collector.NextStatusJson());
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        return outputs;
    }
}
