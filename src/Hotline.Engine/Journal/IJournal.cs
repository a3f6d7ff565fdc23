namespace Hotline.Engine.Journal;

/// <summary>
/// An append-only, group-committed record log: our own small interface, so the engine does not know
/// which store is behind it (FASTER today). One writer thread appends and commits.
/// </summary>
internal interface IJournal : IDisposable
{
    /// <summary>What recovery found wrong with the tail (torn or corrupt records dropped), or null.</summary>
    string? RecoveryProblem { get; }

    /// <summary>Every committed record, in order (up to the last good one).</summary>
    IEnumerable<byte[]> ReadCommitted();

    /// <summary>Drops the record at <paramref name="index"/> and all after it: they sit behind a damaged one.</summary>
    void DiscardFrom(int index, string problem);

    /// <summary>Appends a record; it is durable once a later <see cref="CommitAsync"/> completes.</summary>
    void Append(ReadOnlySpan<byte> record);

    /// <summary>Makes every appended record durable (one flush for the whole group).</summary>
    ValueTask CommitAsync();
}
