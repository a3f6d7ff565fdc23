namespace Hotline.Cluster;

/// <summary>What a partition answers to one command.</summary>
/// <param name="Partition">The partition that applied the command.</param>
/// <param name="Events">Its events as JSON lines (a <c>forwarded</c> event's <c>to</c> names the owning partition when the cluster has one).</param>
/// <param name="ForwardedTo">The partition the ticket was forwarded to, or null.</param>
/// <param name="ForwardEvents">The target partition's events for the forwarded ticket (empty when none).</param>
[GenerateSerializer, Immutable]
public sealed record SubmitReply(
    [property: Id(0)] string Partition,
    [property: Id(1)] string[] Events,
    [property: Id(2)] string? ForwardedTo,
    [property: Id(3)] string[] ForwardEvents);
