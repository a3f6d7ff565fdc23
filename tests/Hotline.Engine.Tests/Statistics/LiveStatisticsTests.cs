using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Hotline.Engine.Catalog;
using Hotline.Engine.Engine;
using Hotline.Engine.Profiles;
using Hotline.Engine.Protocol;
using Hotline.Engine.Routing;
using Hotline.Engine.Statistics;
using Hotline.Engine.Tests.Engine;
using NodaTime;

namespace Hotline.Engine.Tests.Statistics;

/// <summary>
/// The live counters, kept incrementally, equal a recount from the event history (issue 7), and the
/// report over the whole run equals the same recount summed (overdue aside, which a report counts
/// once per ticket across days).
/// </summary>
public class LiveStatisticsTests
{
    private static readonly Lazy<CompiledCatalog> Catalog = new(() => CompiledCatalog.Compile(SampleCatalogs.Changsha));

    [Property(MaxTest = 100)]
    public Property LiveCounters_EqualARecountFromTheEvents() =>
        Prop.ForAll(EngineModelTests.Scripts(20).ToArbitrary(), steps =>
        {
            var profile = PolicyProfile.Resolve("changsha-2020");
            var calendar = new EngineOptions { Profile = profile, Catalog = SampleCatalogs.Changsha }.BuildCalendar();
            var core = new EngineCore(profile, calendar, Catalog.Value);
            var events = new List<EngineEvent>();
            var at = Instant.FromUtc(2026, 2, 10, 1, 0);
            foreach (var step in steps)
            {
                at += Duration.FromMinutes(step.WaitMinutes);
                core.Apply(EngineModelTests.Build(step, at), events);
            }

            var expected = Recount(events, calendar.Zone);
            var actual = core.DailyStatistics(new LocalDate(2000, 1, 1), new LocalDate(2100, 1, 1))
                .Where(d => d.Dimension == StatisticsDimension.Unit && (d.Received > 0 || !d.Counts.IsEmpty))
                .ToDictionary(d => (d.Day, d.Key), d => (d.Received, d.Counts));
            Assert.Equal(expected.Keys.Where(k => expected[k].Received > 0 || !expected[k].Counts.IsEmpty).Order(), actual.Keys.Order());
            foreach (var (key, value) in actual)
            {
                Assert.Equal(expected[key], value);
            }

            // The report over everything: the same sums (overdue counts tickets once across days).
            var report = core.Report(Instant.MinValue, Instant.MaxValue, null);
            foreach (var (unit, counts) in report.Units)
            {
                var days = actual.Where(kv => kv.Key.Key == unit).Select(kv => kv.Value.Counts).ToList();
                Assert.Equal(days.Sum(c => c.Dispatched), counts.Dispatched);
                Assert.Equal(days.Sum(c => c.Closed), counts.Closed);
                Assert.Equal(days.Sum(c => c.ClosedOnTime), counts.ClosedOnTime);
                Assert.Equal(days.Sum(c => c.Satisfied), counts.Satisfied);
                Assert.Equal(days.Sum(c => c.Basic), counts.Basic);
                Assert.Equal(days.Sum(c => c.Unsatisfied), counts.Unsatisfied);
                Assert.Equal(days.Sum(c => c.Redo), counts.Redo);
                Assert.Equal(days.Sum(c => c.Returned), counts.Returned);
                Assert.True(counts.Overdue <= days.Sum(c => c.Overdue));
            }

            return true;
        });

    /// <summary>The plain way: walk the events, tracking each ticket's holder and current rating.</summary>
    private static Dictionary<(LocalDate Day, string Unit), (int Received, UnitCounters Counts)> Recount(List<EngineEvent> events, DateTimeZone zone)
    {
        var result = new Dictionary<(LocalDate, string), (int Received, UnitCounters Counts)>();
        var holder = new Dictionary<string, string?>();
        var signDue = new Dictionary<string, Instant?>();
        var rating = new Dictionary<string, (LocalDate Day, string Unit, string Rating)>();
        var overdue = new HashSet<(string Ticket, LocalDate Day, string Unit)>();
        string? receivedTicket = null;
        LocalDate receivedDay = default;

        void Add(LocalDate day, string unit, Func<(int Received, UnitCounters Counts), (int, UnitCounters)> change)
        {
            result[(day, unit)] = change(result.GetValueOrDefault((day, unit), (0, new UnitCounters())));
        }

        foreach (var e in events.Where(e => e.Seq > 0 && e.Ticket is not null))
        {
            var day = e.At!.Value.InZone(zone).Date;
            string t = e.Ticket!;
            string unit = holder.GetValueOrDefault(t) ?? "";
            switch (e.Name)
            {
                case "accepted":
                    receivedTicket = t;
                    receivedDay = day;
                    break;
                case "dispatched":
                    if (receivedTicket == t)
                    {
                        Add(receivedDay, e.Unit!, c => (c.Received + 1, c.Counts));
                        receivedTicket = null;
                    }

                    holder[t] = e.Unit;
                    signDue[t] = e.SignDue;
                    Add(day, e.Unit!, c => (c.Received, c.Counts with { Dispatched = c.Counts.Dispatched + 1 }));
                    break;
                case "signed" when signDue.GetValueOrDefault(t) is { } due:
                    bool onTime = e.At < due;
                    Add(day, unit, c => (c.Received, onTime ? c.Counts with { SignedOnTime = c.Counts.SignedOnTime + 1 } : c.Counts with { SignedLate = c.Counts.SignedLate + 1 }));
                    break;
                case "return-approved":
                    Add(day, e.Unit!, c => (c.Received, c.Counts with { Returned = c.Counts.Returned + 1 }));
                    break;
                case "extension-approved":
                    Add(day, unit, c => (c.Received, c.Counts with { Extended = c.Counts.Extended + 1 }));
                    break;
                case "closed":
                    Add(day, unit, c => (c.Received, c.Counts with { Closed = c.Counts.Closed + 1, ClosedOnTime = c.Counts.ClosedOnTime + (e.OnTime == true ? 1 : 0) }));
                    break;
                case "overdue" when e.Clock == "handle" && overdue.Add((t, day, unit)):
                    Add(day, unit, c => (c.Received, c.Counts with { Overdue = c.Counts.Overdue + 1 }));
                    break;
                case "redo":
                    Unrate(t);
                    Add(day, unit, c => (c.Received, c.Counts with { Redo = c.Counts.Redo + 1 }));
                    break;
                case "appeal-approved":
                    Unrate(t);
                    break;
                case "rated":
                    Unrate(t);
                    rating[t] = (day, unit, e.Rating!);
                    Rate(rating[t], +1);
                    break;
            }
        }

        return result;

        void Unrate(string t)
        {
            if (rating.Remove(t, out var old))
            {
                Rate(old, -1);
            }
        }

        void Rate((LocalDate Day, string Unit, string Rating) r, int delta) => Add(r.Day, r.Unit, c => (c.Received, r.Rating switch
        {
            "satisfied" => c.Counts with { Satisfied = c.Counts.Satisfied + delta },
            "basic" => c.Counts with { Basic = c.Counts.Basic + delta },
            _ => c.Counts with { Unsatisfied = c.Counts.Unsatisfied + delta },
        }));
    }
}
