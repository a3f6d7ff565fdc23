using System.Globalization;
using Hotline.Engine.Calendar;
using Microsoft.AspNetCore.Http;
using NodaTime;

namespace Hotline.Host.Http;

/// <summary>
/// <c>GET /health</c> (no key): the host and engine clocks, the open tickets, and warnings — the
/// holiday calendar not covering the coming three months (dues across an uncovered year ignore its
/// holidays, spec §3), or an engine clock ahead of the host's. <c>status</c> is <c>ok</c> or <c>warning</c>.
/// </summary>
internal static class HealthEndpoint
{
    /// <summary>How far ahead the calendar must reach.</summary>
    public static readonly Period Horizon = Period.FromMonths(3);

    /// <summary>Answers the health check.</summary>
    public static IResult Handle(IServedEngine served)
    {
        var zone = served.Zone;
        var now = served.Clock.GetCurrentInstant();
        var warnings = UncoveredYears(served.Calendar, now)
            .Select(year => string.Create(CultureInfo.InvariantCulture,
                $"the holiday calendar does not cover {year}, within the coming 3 months: dues counted across it ignore its holidays and make-up days; add the State Council notice with --calendar"))
            .ToList();
        var ahead = served.EngineAheadBy;
        if (ahead > Duration.Zero)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"the engine clock is ahead of the host clock by {ahead.TotalSeconds:0} s: commands are stamped with the engine clock until the host catches up"));
        }

        return JsonOutput.Ok(w =>
        {
            w.WriteStartObject();
            w.WriteString("status", warnings.Count == 0 ? "ok" : "warning");
            w.WriteString("hostClock", InstantText.Format(now, zone));
            w.WriteString("engineClock", InstantText.Format(served.EngineClock, zone));
            w.WriteNumber("openTickets", served.Hub.OpenCount);
            w.WriteStartArray("warnings");
            foreach (var warning in warnings)
            {
                w.WriteStringValue(warning);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary>The years between today and <see cref="Horizon"/> from now that no holiday schedule covers.</summary>
    public static IEnumerable<int> UncoveredYears(WorkingCalendar calendar, Instant now)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var today = calendar.DateOf(now);
        var end = today + Horizon;
        for (int year = today.Year; year <= end.Year; year++)
        {
            if (!calendar.Covers(year))
            {
                yield return year;
            }
        }
    }
}
