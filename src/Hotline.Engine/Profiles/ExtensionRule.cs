using Hotline.Engine.Calendar;

namespace Hotline.Engine.Profiles;

/// <summary>
/// Limits on extensions of the handle clock (spec §2.2 <c>extension-approved</c>). Each limit is
/// nullable: null = no limit of that kind. JSON:
/// <c>{"maxCount": 1, "maxTotalDays": null, "applyBefore": null}</c>.
/// </summary>
/// <remarks>
/// Immutable; thread-safe. A profile without an <c>extension</c> object gets <see cref="Unlimited"/>:
/// extensions may be asked for (before the due, spec §2 <c>window-closed</c>) with no count, total or
/// notice limit.
/// </remarks>
public sealed class ExtensionRule
{
    /// <summary>Creates extension limits.</summary>
    /// <param name="maxCount">Most approved extensions per ticket (≥ 0), or null for no limit.</param>
    /// <param name="maxTotalDays">Most approved working days in all (≥ 0), or null for no limit.</param>
    /// <param name="applyBefore">Working time that must still remain before the due when asking, or null.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative.</exception>
    public ExtensionRule(int? maxCount = null, int? maxTotalDays = null, WorkingDuration? applyBefore = null)
    {
        if (maxCount is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxCount), maxCount, "Must be ≥ 0 or null.");
        }

        if (maxTotalDays is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxTotalDays), maxTotalDays, "Must be ≥ 0 or null.");
        }

        MaxCount = maxCount;
        MaxTotalDays = maxTotalDays;
        ApplyBefore = applyBefore;
    }

    /// <summary>No limits: any number of extensions of any length, asked for at any time before the due.</summary>
    public static ExtensionRule Unlimited { get; } = new();

    /// <summary>Most approved extensions per ticket; null = no limit (Changsha 2020 art. 20: 1).</summary>
    public int? MaxCount { get; }

    /// <summary>Most approved working days in all; null = no limit (Xiangfen 2022 art. 13(3): 15).</summary>
    public int? MaxTotalDays { get; }

    /// <summary>
    /// Working time that must remain in [request, due) when an extension is asked for; null = none
    /// (Linyi 2016 art. 22(2): 1 working day). An amount of working time, not a count of calendar
    /// days (spec §7.16).
    /// </summary>
    public WorkingDuration? ApplyBefore { get; }
}
