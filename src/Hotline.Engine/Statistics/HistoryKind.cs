namespace Hotline.Engine.Statistics;

/// <summary>The events the report counts (spec §6).</summary>
internal enum HistoryKind : byte
{
    /// <summary>Not recorded.</summary>
    None,

    /// <summary><c>dispatched</c>, credited to the new unit.</summary>
    Dispatched,

    /// <summary><c>signed</c> with a sign clock; the flag says on time.</summary>
    Signed,

    /// <summary><c>return-approved</c>, credited to the unit giving the ticket back.</summary>
    Returned,

    /// <summary><c>extension-approved</c>.</summary>
    Extended,

    /// <summary><c>closed</c>; the flag is <c>onTime</c>.</summary>
    Closed,

    /// <summary>A handle-clock <c>overdue</c>.</summary>
    HandleOverdue,

    /// <summary><c>rated</c>.</summary>
    Rated,

    /// <summary><c>redo</c>.</summary>
    Redo,
}
