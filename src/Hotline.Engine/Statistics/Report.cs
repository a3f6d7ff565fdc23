using NodaTime;

namespace Hotline.Engine.Statistics;

/// <summary>The counts of every unit over [<see cref="From"/>, <see cref="To"/>) (spec §6).</summary>
/// <param name="From">The window's start (inclusive).</param>
/// <param name="To">The window's end (exclusive).</param>
/// <param name="Units">Per unit id, in ordinal order; only units with a non-zero count.</param>
public sealed record Report(Instant From, Instant To, IReadOnlyList<KeyValuePair<string, UnitCounters>> Units);
