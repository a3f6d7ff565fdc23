using Hotline.Engine.Calendar;
using Hotline.Engine.Catalog;
using Hotline.Engine.Profiles;
using Microsoft.Extensions.Logging;

namespace Hotline.Engine.Engine;

/// <summary>What an engine runs by: a policy profile, a dispatch catalog, and optionally a holiday file.</summary>
public sealed class EngineOptions
{
    /// <summary>The city's policy profile (<see cref="PolicyProfile.Resolve"/> finds a built-in one by name).</summary>
    public required PolicyProfile Profile { get; init; }

    /// <summary>The dispatch catalog new tickets are routed by.</summary>
    public required DispatchCatalog Catalog { get; init; }

    /// <summary>A holiday file that replaces the built-in schedule for the years it covers (spec §3); null for the built-in one.</summary>
    public CalendarFile? CalendarFile { get; init; }

    /// <summary>
    /// Capacity of the <see cref="HotlineEngine.Events"/> stream; 0 (the default) turns the stream off.
    /// A full stream holds the engine back until it is read, so nothing is dropped.
    /// </summary>
    public int EventStreamCapacity { get; init; }

    /// <summary>
    /// The calendar the profile counts by: the built-in schedule with the holiday file applied, in the
    /// profile's zone and business hours (else the file's, else Asia/Shanghai and 08:30–12:00,
    /// 13:30–17:30), ending periods as the profile says (spec §3).
    /// </summary>
    public WorkingCalendar BuildCalendar() => BuildCalendar(Profile, CalendarFile);

    /// <summary>
    /// Durable mode: the data directory the engine keeps its journal in and resumes from (spec §1
    /// <c>--data</c>); null for an in-memory engine.
    /// </summary>
    public string? DataDirectory { get; init; }

    /// <summary>Receives the engine's warnings as one-line messages (a generated key, a recovered tail); hosts print them on stderr.</summary>
    public Action<string>? Diagnostics { get; init; }

    /// <summary>Where the engine logs (recovery, warnings); null for none.</summary>
    public ILogger? Logger { get; init; }

    /// <summary>The warnings' sink: <see cref="Diagnostics"/> and <see cref="Logger"/> both hear them.</summary>
    internal Action<string> Warn => message =>
    {
        Diagnostics?.Invoke(message);
        if (Logger is { } logger)
        {
            EngineLog.Warning(logger, message);
        }
    };

    /// <summary>Open the data directory only to read it: nothing is appended, and commands are refused.</summary>
    internal bool ReadOnly { get; init; }

    internal static WorkingCalendar BuildCalendar(PolicyProfile profile, CalendarFile? file) => new(
        file?.ApplyTo(HolidaySchedule.ChinaMainland) ?? HolidaySchedule.ChinaMainland,
        profile.ZoneOr(file?.Zone),
        profile.BusinessHoursOr(file?.BusinessHours),
        profile.PeriodEnd);
}
