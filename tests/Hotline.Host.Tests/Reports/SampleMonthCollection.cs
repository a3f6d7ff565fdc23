namespace Hotline.Host.Tests.Reports;

/// <summary>The tests that share one <see cref="SampleMonthData"/> data directory.</summary>
[CollectionDefinition(Name)]
public sealed class SampleMonthCollection : ICollectionFixture<SampleMonthData>
{
    public const string Name = "sample month";
}
