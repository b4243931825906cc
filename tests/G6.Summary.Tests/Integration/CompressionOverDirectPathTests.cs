namespace G6.Summary.Tests.Integration;

/// <summary>Compressed streams on the direct path (the default).</summary>
public sealed class CompressionOverDirectPathTests : CompressionTests
{
    protected override bool DirectStreams => true;
}
