namespace Hotline.Engine.Statistics;

/// <summary>
/// One unit's counts over a report window (spec §6; Xiangfen 2022 arts. 18, 20; Changsha 2020
/// arts. 36–37): volume, timeliness, returns, extensions and satisfaction.
/// </summary>
public sealed record UnitCounters
{
    /// <summary><c>dispatched</c> events to the unit.</summary>
    public int Dispatched { get; init; }

    /// <summary><c>signed</c> strictly before the sign due.</summary>
    public int SignedOnTime { get; init; }

    /// <summary><c>signed</c> at or after the sign due.</summary>
    public int SignedLate { get; init; }

    /// <summary>Approved returns, credited to the unit giving the ticket back.</summary>
    public int Returned { get; init; }

    /// <summary>Approved extensions.</summary>
    public int Extended { get; init; }

    /// <summary><c>closed</c> events.</summary>
    public int Closed { get; init; }

    /// <summary><c>closed</c> events with <c>onTime</c>.</summary>
    public int ClosedOnTime { get; init; }

    /// <summary>Tickets with at least one handle-clock <c>overdue</c>, each counted once.</summary>
    public int Overdue { get; init; }

    /// <summary>Current ratings <c>satisfied</c>.</summary>
    public int Satisfied { get; init; }

    /// <summary>Current ratings <c>basic</c>.</summary>
    public int Basic { get; init; }

    /// <summary>Current ratings <c>unsatisfied</c> (an approved appeal removes one).</summary>
    public int Unsatisfied { get; init; }

    /// <summary><c>redo</c> events.</summary>
    public int Redo { get; init; }

    /// <summary>closedOnTime / closed, 4 decimals (half to even); null when nothing closed.</summary>
    public decimal? OnTimeRate => Closed == 0 ? null : Math.Round((decimal)ClosedOnTime / Closed, 4, MidpointRounding.ToEven);

    /// <summary>(satisfied + basic) / all ratings, 4 decimals (half to even); null when none.</summary>
    public decimal? SatisfactionRate
    {
        get
        {
            int rated = Satisfied + Basic + Unsatisfied;
            return rated == 0 ? null : Math.Round((decimal)(Satisfied + Basic) / rated, 4, MidpointRounding.ToEven);
        }
    }

    /// <summary>True when every count is zero (such a unit is left out of a report).</summary>
    public bool IsEmpty =>
        Dispatched == 0 && SignedOnTime == 0 && SignedLate == 0 && Returned == 0 && Extended == 0 && Closed == 0
        && ClosedOnTime == 0 && Overdue == 0 && Satisfied == 0 && Basic == 0 && Unsatisfied == 0 && Redo == 0;
}
