namespace G6.Summary.Tests.Hardening;

/// <summary>The hardening rules with every request through Kestrel's HTTP layer (<c>G6_SSE_DIRECT_STREAMS=0</c>).</summary>
public sealed class HardeningOverKestrelTests : HardeningTests
{
    protected override bool DirectStreams => false;
}
