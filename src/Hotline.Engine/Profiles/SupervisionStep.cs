using Hotline.Engine.Calendar;

namespace Hotline.Engine.Profiles;

/// <summary>
/// One step of the supervision ladder armed when a handle clock is overdue (spec §2.2): level 1
/// urging (催办), 2 written supervision notice (督办单/发函督办), 3 report to the government supervision
/// office (督查室) — Xiangfen 2022 art. 13(1), Changsha 2020 arts. 34–35. JSON:
/// <c>{"level": 2, "after": "1wd"}</c>.
/// </summary>
/// <remarks>Immutable; thread-safe.</remarks>
public sealed class SupervisionStep
{
    /// <summary>The lowest level, phone urging.</summary>
    public const int MinLevel = 1;

    /// <summary>The highest level, report to the supervision office.</summary>
    public const int MaxLevel = 3;

    /// <summary>Creates a step.</summary>
    /// <param name="level">1, 2 or 3.</param>
    /// <param name="after">The offset after the overdue due (working days count from the due's last day).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is outside 1–3.</exception>
    public SupervisionStep(int level, WorkingDuration after)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(level, MinLevel);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, MaxLevel);
        Level = level;
        After = after;
    }

    /// <summary>The ladder level, 1–3.</summary>
    public int Level { get; }

    /// <summary>The offset after the handle due at which this step fires.</summary>
    public WorkingDuration After { get; }
}
