using Hotline.Engine.Calendar;

namespace Hotline.Engine.Profiles;

/// <summary>
/// Hot-spot detection by category × region (spec §2 "Hot spots", §7.15; Zhongshan 2024 arts. 26–29,
/// Changsha 2020 art. 34(2)). JSON: <c>{"window": "7d", "min": 10, "factor": 3}</c>.
/// </summary>
/// <remarks>Immutable; thread-safe.</remarks>
public sealed class HotspotRule
{
    /// <summary>Creates the rule.</summary>
    /// <param name="window">The trailing window; elapsed time (<c>h</c> or <c>d</c>), more than zero.</param>
    /// <param name="min">The least count in the window that is a hot spot, ≥ 1.</param>
    /// <param name="factor">How many times the baseline the count must reach, &gt; 0 and finite.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range.</exception>
    public HotspotRule(WorkingDuration window, int min, double factor)
    {
        if (window.IsWorkingTime || window.Amount == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(window), window, "The window must be elapsed time (h or d) of more than zero.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(min, 1);
        if (!(factor > 0) || double.IsInfinity(factor))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "The factor must be a finite number > 0.");
        }

        Window = window;
        Min = min;
        Factor = factor;
    }

    /// <summary>The trailing window (now − window, now]; elapsed time.</summary>
    public WorkingDuration Window { get; }

    /// <summary>The least count in the window that is a hot spot.</summary>
    public int Min { get; }

    /// <summary>How many times the baseline (the average of the four windows before) the count must reach.</summary>
    public double Factor { get; }
}
