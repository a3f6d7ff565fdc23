namespace Hotline.Engine.Calendar;

/// <summary>The unit of a <see cref="WorkingDuration"/> (spec §3 "Durations").</summary>
public enum DurationUnit
{
    /// <summary><c>wd</c>: working days, counted by the calendar (PRC Civil Code arts. 201–203).</summary>
    WorkingDays,

    /// <summary><c>wh</c>: working hours, counted inside business hours of working days.</summary>
    WorkingHours,

    /// <summary><c>h</c>: plain elapsed hours, calendar-blind.</summary>
    Hours,

    /// <summary><c>d</c>: plain elapsed days of 24 hours, calendar-blind.</summary>
    Days,
}
