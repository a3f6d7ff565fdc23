namespace Hotline.Engine.Calendar;

/// <summary>Where a period counted in working days ends on its last day (spec §3, profile <c>periodEnd</c>).</summary>
public enum PeriodEnd
{
    /// <summary>24:00 of the last day, written as 00:00 of the next day (PRC Civil Code art. 203; the default).</summary>
    EndOfDay,

    /// <summary>The close of the last day's last business-hours interval (e.g. 17:30).</summary>
    CloseOfBusiness,
}
