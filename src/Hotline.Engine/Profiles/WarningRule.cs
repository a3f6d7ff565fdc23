using Hotline.Engine.Calendar;

namespace Hotline.Engine.Profiles;

/// <summary>
/// The early warning on the handle clock: a <c>warning</c> event when <see cref="Before"/> remains
/// before the due (spec §2.2 "warning"; Changsha 2020 art. 33 asks for real-time warnings but gives
/// no number). JSON: <c>{"before": "1wd"}</c>.
/// </summary>
/// <remarks>Immutable; thread-safe.</remarks>
public sealed class WarningRule
{
    /// <summary>Creates the rule.</summary>
    /// <param name="before">How long before the due to warn; more than zero.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="before"/> is zero.</exception>
    public WarningRule(WorkingDuration before)
    {
        if (before.Amount == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(before), before, "A warning needs a lead time of more than zero.");
        }

        Before = before;
    }

    /// <summary>How long before the due the warning fires (for <c>Nwd</c>: at 00:00 of the N-th working day counting back).</summary>
    public WorkingDuration Before { get; }
}
