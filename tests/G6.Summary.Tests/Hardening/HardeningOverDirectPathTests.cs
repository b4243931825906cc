namespace G6.Summary.Tests.Hardening;

/// <summary>The hardening rules with plain event streams on the direct path (the default).</summary>
public sealed class HardeningOverDirectPathTests : HardeningTests
{
    protected override bool DirectStreams => true;
}
