using Hotline.Engine.Tickets;

namespace Hotline.Host.Workload;

/// <summary>What a generated traffic holds: requests received, by kind.</summary>
internal sealed class TrafficCounts
{
    public int Received { get; set; }

    public Dictionary<TicketKind, int> ByKind { get; } = [];
}
