using G6.Summary.Client;
using G6.Summary.Protocol;

namespace G6.Summary.Tests.Client;

public sealed class SummaryEventParserTests
{
    [Fact]
    public void Parse_PanelUpdateWithUnknownFields_ParsedLeniently()
    {
        var hash = PanelHasher.HashPanel("loop", "Loop", ["Cycle: 2"]);
        var data = $$"""{"seq":7,"cycle":9,"ts":1760000000000.5,"future":{"x":1},"updates":[{"key":"loop","hash":"{{hash}}","title":"Loop","lines":["Cycle: 2"],"extra":true}],"digest":"d","coalesced":3}""";

        var evt = Assert.IsType<PanelUpdateEvent>(SummaryEventParser.Parse(EventNames.PanelUpdate, data));

        Assert.Equal(7, evt.Seq);
        Assert.Equal(9, evt.Cycle);
        Assert.Equal(3, evt.Coalesced);
        Assert.True(evt.Panels[0].HasValidHash());
        Assert.Equal(EventNames.PanelUpdate, evt.Name);
    }

    [Fact]
    public void Parse_PanelDiff_KeepsObjectOrderAndMarksStructured()
    {
        var data = """{"seq":2,"cycle":2,"ts":1,"panels":{"b":{"hash":"h1","title":"B","lines":[]},"a":{"hash":"h2","title":"A","lines":["x"]}},"structured":true,"digest":"d"}""";

        var evt = Assert.IsType<PanelUpdateEvent>(SummaryEventParser.Parse(EventNames.PanelDiff, data));

        Assert.True(evt.Structured);
        Assert.Equal(["b", "a"], evt.Panels.Select(p => p.Key));
    }

    [Fact]
    public void Parse_Hello_ReadsPanelHashesAndCadence()
    {
        var data = """{"seq":5,"cycle":6,"ts":1,"schema_version":1,"epoch":"1eba1322","server_version":"0.1.0","resumed":true,"diff_mode":"update","heartbeat_cycles":7,"digest":"d","panels":[{"key":"loop","hash":"h"}]}""";

        var hello = Assert.IsType<HelloEvent>(SummaryEventParser.Parse(EventNames.Hello, data));

        Assert.True(hello.Resumed);
        Assert.Equal(7, hello.HeartbeatCycles);
        Assert.Equal("h", hello.PanelHashes["loop"]);
    }

    [Fact]
    public void Parse_UnknownEventName_UnknownEventWithSeq()
    {
        var evt = Assert.IsType<UnknownEvent>(SummaryEventParser.Parse("something_new", """{"seq":12}"""));

        Assert.Equal(12, evt.Seq);
        Assert.Equal("something_new", evt.Name);
    }

    [Theory]
    [InlineData("heartbeat", "not json")]
    [InlineData("heartbeat", "[1,2]")]
    [InlineData("heartbeat", """{"seq":3}""")]
    [InlineData("panel_update", """{"seq":3,"digest":"d"}""")]
    [InlineData("panel_update", """{"seq":3,"digest":"d","updates":[{"key":"a","title":"A","lines":["x"]}]}""")]
    [InlineData("panel_update", """{"seq":3,"digest":"d","updates":[{"key":"a","hash":"h","title":"A","lines":[1]}]}""")]
    [InlineData("full_snapshot", """{"seq":"three","epoch":"e","digest":"d","panels":{}}""")]
    public void Parse_MissingOrMistypedRequiredField_ProtocolException(string name, string data)
    {
        Assert.Throws<SummaryProtocolException>(() => SummaryEventParser.Parse(name, data));
    }

    [Fact]
    public void ParseResync_ResyncBody_SnapshotAtItsSeq()
    {
        var json = """{"schema_version":1,"epoch":"e1","seq":40,"cycle":41,"ts":1,"digest":"d","panels":{"loop":{"hash":"h","title":"Loop","lines":["a"]}}}""";

        var snapshot = SummaryEventParser.ParseResync(json);

        Assert.Equal(40, snapshot.Seq);
        Assert.Equal("e1", snapshot.Epoch);
        Assert.Single(snapshot.Panels);
    }
}
