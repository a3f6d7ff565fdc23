using NodaTime;

namespace Hotline.Engine.Tickets;

/// <summary>
/// A ticket's status as <c>query</c> answers it (spec §2 "States", §7.3): its state, the unit
/// holding it, the dues of the clocks that run (null otherwise), its rating and approved extensions.
/// </summary>
/// <param name="State">dispatched, signed, return-requested, close-requested, closed or answered.</param>
/// <param name="Unit">The unit holding the ticket; null for an answered ticket.</param>
/// <param name="SignDue">The sign due while the sign clock runs.</param>
/// <param name="ReturnDue">The end of the return window while the ticket is dispatched or signed.</param>
/// <param name="HandleDue">The handle due while the handle clock runs.</param>
/// <param name="Rating">The current rating, or null.</param>
/// <param name="Extensions">Approved extensions.</param>
/// <param name="Uncovered">A due shown counted days of a year no holiday schedule covers.</param>
public sealed record TicketStatus(
    string State,
    string? Unit,
    Instant? SignDue,
    Instant? ReturnDue,
    Instant? HandleDue,
    string? Rating,
    int Extensions,
    bool Uncovered);
