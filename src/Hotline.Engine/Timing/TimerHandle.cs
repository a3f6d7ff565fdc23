namespace Hotline.Engine.Timing;

/// <summary>
/// An opaque reference to one timer armed on a <see cref="TimingWheel"/>: the timer's slot in the wheel's
/// slot table plus the slot's generation when it was armed. Firing or cancelling bumps the generation and
/// frees the slot for reuse, so a stale handle (fired, cancelled, or pointing at a slot that now holds
/// another timer) is recognised and refused rather than cancelling the wrong deadline.
/// </summary>
/// <remarks>
/// <para><c>default(TimerHandle)</c> (also <see cref="None"/>) means "no timer": live timers always have a
/// generation that is odd, so the default (0) never matches one. A handle is only meaningful to the wheel
/// that issued it. Generations are 32-bit and wrap after about two billion reuses of one slot; a handle
/// kept that long while its slot churns could in principle alias a newer timer.</para>
/// <para>Immutable 8-byte value; thread-safe.</para>
/// </remarks>
public readonly record struct TimerHandle
{
    internal TimerHandle(int index, int generation)
    {
        Index = index;
        Generation = generation;
    }

    /// <summary>The handle that refers to no timer; equal to <c>default(TimerHandle)</c>.</summary>
    public static TimerHandle None => default;

    /// <summary>True for <see cref="None"/>, the handle of no timer.</summary>
    public bool IsNone => Generation == 0;

    /// <summary>The timer's slot in the wheel's slot table.</summary>
    internal int Index { get; }

    /// <summary>The slot's generation when the timer was armed; odd for a real timer, 0 for none.</summary>
    internal int Generation { get; }

    /// <summary>A diagnostic form: <c>Timer(slot#generation)</c>, or <c>Timer(none)</c>.</summary>
    public override string ToString() =>
        IsNone ? "Timer(none)" : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Timer({Index}#{Generation})");
}
