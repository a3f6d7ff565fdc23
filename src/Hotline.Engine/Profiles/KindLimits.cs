using System.Collections.Immutable;
using Hotline.Engine.Calendar;
using Hotline.Engine.Tickets;

namespace Hotline.Engine.Profiles;

/// <summary>
/// Limits by ticket kind, as the handle clock's <c>limit</c>, <c>complex</c> and <c>urgent</c> fields
/// give them (spec §4): either one duration for every kind (<c>"5wd"</c>) or a map by kind with an
/// optional <c>default</c> for the kinds it does not name
/// (<c>{"consultation": "3wd", "default": "10wd"}</c>).
/// </summary>
/// <remarks>
/// Immutable; thread-safe. <see cref="For"/> is an array lookup. A kind neither named nor covered by
/// a default has no limit here (null): for <c>complex</c> and <c>urgent</c> that means the ticket keeps
/// the limit it would otherwise have (spec §7.16); <c>limit</c> itself must cover every kind
/// (<see cref="CoversEveryKind"/>).
/// </remarks>
public sealed class KindLimits
{
    private static readonly int KindCount = Enum.GetValues<TicketKind>().Length;

    // The effective limit per kind, indexed by (int)TicketKind: the named entry, else the default.
    private readonly WorkingDuration?[] _byIndex;

    /// <summary>Creates a table from named kinds and an optional default for the rest.</summary>
    /// <param name="byKind">Limits for named kinds; each kind at most once.</param>
    /// <param name="default">The limit for kinds <paramref name="byKind"/> does not name; null = none.</param>
    /// <exception cref="ArgumentException">A kind is named twice or is not a defined value.</exception>
    public KindLimits(IEnumerable<KeyValuePair<TicketKind, WorkingDuration>>? byKind, WorkingDuration? @default = null)
    {
        var builder = ImmutableSortedDictionary.CreateBuilder<TicketKind, WorkingDuration>();
        foreach (var (kind, limit) in byKind ?? [])
        {
            if (!Enum.IsDefined(kind))
            {
                throw new ArgumentException($"Unknown ticket kind {kind}.", nameof(byKind));
            }

            if (!builder.TryAdd(kind, limit))
            {
                throw new ArgumentException($"Kind {kind} is named twice.", nameof(byKind));
            }
        }

        ByKind = builder.ToImmutable();
        Default = @default;
        _byIndex = new WorkingDuration?[KindCount];
        for (int i = 0; i < KindCount; i++)
        {
            _byIndex[i] = ByKind.TryGetValue((TicketKind)i, out var limit) ? limit : @default;
        }
    }

    /// <summary>The limits of the kinds named, sorted by kind.</summary>
    public ImmutableSortedDictionary<TicketKind, WorkingDuration> ByKind { get; }

    /// <summary>The limit of every kind not in <see cref="ByKind"/>; null = those kinds have none here.</summary>
    public WorkingDuration? Default { get; }

    /// <summary>True when every kind has a limit (named or by default).</summary>
    public bool CoversEveryKind => Array.TrueForAll(_byIndex, l => l is not null);

    /// <summary>One limit for every kind.</summary>
    public static KindLimits All(WorkingDuration limit) => new(null, limit);

    /// <summary>The limit for <paramref name="kind"/>: its entry, else <see cref="Default"/>, else null.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined value.</exception>
    public WorkingDuration? For(TicketKind kind)
    {
        uint index = (uint)kind;
        if (index >= (uint)_byIndex.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown ticket kind.");
        }

        return _byIndex[index];
    }
}
