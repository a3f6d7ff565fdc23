namespace Hotline.Cluster;

/// <summary>Where a partition runs and what it holds.</summary>
/// <param name="Partition">The partition's code.</param>
/// <param name="Silo">The address of the silo hosting the activation.</param>
/// <param name="Tickets">The tickets its engine holds.</param>
/// <param name="Clock">The engine clock as an ISO instant, or null before any command.</param>
[GenerateSerializer, Immutable]
public sealed record PartitionInfo(
    [property: Id(0)] string Partition,
    [property: Id(1)] string Silo,
    [property: Id(2)] int Tickets,
    [property: Id(3)] string? Clock);
