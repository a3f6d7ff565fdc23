namespace Hotline.Cluster;

/// <summary>A ticket one partition forwards to the partition that owns its region.</summary>
/// <param name="SourcePartition">The code of the partition that received the request.</param>
/// <param name="Ticket">The ticket id in the source partition.</param>
/// <param name="ReceiveJson">The original <c>receive</c> command line; the target re-keys it.</param>
[GenerateSerializer, Immutable]
public sealed record ForwardRequest(
    [property: Id(0)] string SourcePartition,
    [property: Id(1)] string Ticket,
    [property: Id(2)] string ReceiveJson)
{
    /// <summary>The ticket id in the target partition: <c>{source}:{ticket}</c>.</summary>
    public string TargetTicket => $"{SourcePartition}:{Ticket}";

    /// <summary>The deterministic client command id of the forward: <c>fwd:{source}:{ticket}</c>.</summary>
    public string CommandId => $"fwd:{SourcePartition}:{Ticket}";
}
