using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Hotline.Engine.Calendar;

/// <summary>
/// A limit or offset as the regulations state it: <c>3wd</c> (working days), <c>4wh</c> (working
/// hours), <c>72h</c> (elapsed hours) or <c>2d</c> (elapsed days). Spec §3 "Durations".
/// </summary>
/// <remarks>Immutable value; thread-safe. The amount is a non-negative integer.</remarks>
public readonly record struct WorkingDuration
{
    /// <summary>Creates a duration; <paramref name="amount"/> must be ≥ 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative.</exception>
    public WorkingDuration(int amount, DurationUnit unit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        if (!Enum.IsDefined(unit))
        {
            throw new ArgumentOutOfRangeException(nameof(unit), unit, "Unknown duration unit.");
        }

        Amount = amount;
        Unit = unit;
    }

    /// <summary>The count of units, ≥ 0.</summary>
    public int Amount { get; }

    /// <summary>The unit.</summary>
    public DurationUnit Unit { get; }

    /// <summary>True for units the working-day calendar counts (<c>wd</c>, <c>wh</c>).</summary>
    public bool IsWorkingTime => Unit is DurationUnit.WorkingDays or DurationUnit.WorkingHours;

    /// <summary><paramref name="amount"/> working days.</summary>
    public static WorkingDuration WorkingDays(int amount) => new(amount, DurationUnit.WorkingDays);

    /// <summary><paramref name="amount"/> working hours.</summary>
    public static WorkingDuration WorkingHours(int amount) => new(amount, DurationUnit.WorkingHours);

    /// <summary><paramref name="amount"/> elapsed hours.</summary>
    public static WorkingDuration Hours(int amount) => new(amount, DurationUnit.Hours);

    /// <summary><paramref name="amount"/> elapsed days.</summary>
    public static WorkingDuration Days(int amount) => new(amount, DurationUnit.Days);

    /// <summary>Parses <c>3wd</c>, <c>4wh</c>, <c>72h</c> or <c>2d</c>.</summary>
    /// <exception cref="FormatException">The text is not such a duration; the message names it.</exception>
    public static WorkingDuration Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var value)
            ? value
            : throw new FormatException(
                $"'{text}' is not a duration: expected a whole number ≥ 0 followed by wd (working days), wh (working hours), h (hours) or d (days), e.g. 3wd, 4wh, 72h, 2d.");
    }

    /// <summary>Parses <c>3wd</c>, <c>4wh</c>, <c>72h</c> or <c>2d</c>; false for anything else.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out WorkingDuration value)
    {
        value = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var span = text.AsSpan();
        int digits = 0;
        while (digits < span.Length && char.IsAsciiDigit(span[digits]))
        {
            digits++;
        }

        if (digits == 0
            || !int.TryParse(span[..digits], NumberStyles.None, CultureInfo.InvariantCulture, out int amount))
        {
            return false;
        }

        DurationUnit? unit = span[digits..] switch
        {
            "wd" => DurationUnit.WorkingDays,
            "wh" => DurationUnit.WorkingHours,
            "h" => DurationUnit.Hours,
            "d" => DurationUnit.Days,
            _ => null,
        };
        if (unit is null)
        {
            return false;
        }

        value = new WorkingDuration(amount, unit.Value);
        return true;
    }

    /// <summary>The canonical text, e.g. <c>3wd</c>.</summary>
    public override string ToString() => Unit switch
    {
        DurationUnit.WorkingDays => $"{Amount.ToString(CultureInfo.InvariantCulture)}wd",
        DurationUnit.WorkingHours => $"{Amount.ToString(CultureInfo.InvariantCulture)}wh",
        DurationUnit.Hours => $"{Amount.ToString(CultureInfo.InvariantCulture)}h",
        _ => $"{Amount.ToString(CultureInfo.InvariantCulture)}d",
    };
}
