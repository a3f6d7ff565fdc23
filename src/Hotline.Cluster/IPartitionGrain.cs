namespace Hotline.Cluster;

/// <summary>
/// One partition of the engine (a city's or a county's hotline), keyed by its jurisdiction code
/// (e.g. <c>430100</c>). Commands and events are the JSON lines of the run protocol (spec §1–§2).
/// </summary>
public interface IPartitionGrain : IGrainWithStringKey
{
    /// <summary>
    /// Applies one command (a JSON line) and returns its events, durable when the call completes. A
    /// <c>receive</c> for a region another partition owns is forwarded to it (spec §2.1 <c>forwarded</c>
    /// with <c>to</c> = that partition's code), and the reply carries the target's events too.
    /// </summary>
    Task<SubmitReply> Submit(string commandJson);

    /// <summary>A ticket's status as a JSON object, or null when this partition does not hold it.</summary>
    Task<string?> Status(string ticket);

    /// <summary>
    /// Accepts a ticket forwarded from another partition as a new ticket <c>{source}:{ticket}</c>,
    /// under the client command id <c>fwd:{source}:{ticket}</c>: a retried forward is answered
    /// <c>already-applied</c> and creates no second ticket. Returns the event JSON lines.
    /// </summary>
    Task<string[]> Forward(ForwardRequest request);

    /// <summary>
    /// A unit's open tickets in this partition, soonest due first, each as a status JSON object with
    /// its <c>ticket</c> (the form of <see cref="Status"/>).
    /// </summary>
    Task<string[]> Worklist(string unit);

    /// <summary>Where the partition runs and what it holds (operations, tests).</summary>
    Task<PartitionInfo> Describe();
}
