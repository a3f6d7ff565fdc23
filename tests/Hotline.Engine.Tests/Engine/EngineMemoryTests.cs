using Hotline.Engine.Catalog;
using Hotline.Engine.Engine;
using Hotline.Engine.Profiles;
using Hotline.Engine.Protocol;
using Hotline.Engine.Routing;
using NodaTime;
using Xunit.Abstractions;

namespace Hotline.Engine.Tests.Engine;

/// <summary>
/// Issue 5's memory target: an open ticket costs at most 1 KB of hot state (free text and caller
/// details stay in the journal). Measured as retained bytes after 20,000 signed, open tickets with
/// their clocks armed, history and counters kept. Runs alone: the GC's totals are process-wide, and
/// other tests allocating meanwhile would be counted.
/// </summary>
[Collection(RunsAlone.Name)]
public class EngineMemoryTests
{
    private readonly ITestOutputHelper _output;

    public EngineMemoryTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void OpenTicket_RetainsAtMostOneKilobyte()
    {
        const int Tickets = 20_000;
        var profile = PolicyProfile.Resolve("changsha-2020");
        var calendar = new EngineOptions { Profile = profile, Catalog = SampleCatalogs.Changsha }.BuildCalendar();
        var catalog = CompiledCatalog.Compile(SampleCatalogs.Changsha);
        var streets = SampleCatalogs.Changsha.Regions.Where(r => r.Code.Length == 9).Select(r => r.Code).ToArray();
        var categories = SampleCatalogs.Changsha.Entries.Select(e => e.Category).Distinct().ToArray();
        var start = Instant.FromUtc(2026, 3, 2, 1, 0);
        var commands = new List<EngineCommand>();
        for (int i = 0; i < Tickets; i++)
        {
            string category = categories[i % categories.Length], region = streets[i % streets.Length];
            commands.Add(new EngineCommand
            {
                Op = CommandOp.Receive, At = start + Duration.FromSeconds(i), Ticket = $"M{i:D7}", Channel = "phone",
                Kind = i % 2 == 0 ? Hotline.Engine.Tickets.TicketKind.Complaint : Hotline.Engine.Tickets.TicketKind.Help,
                Category = category, Region = region, CallerName = "市民", CallerPhone = $"139{i:D8}", Text = new string('诉', 200),
            });
            commands.Add(new EngineCommand { Op = CommandOp.Sign, At = start + Duration.FromSeconds(i) + Duration.FromMilliseconds(500), Ticket = $"M{i:D7}", Unit = catalog.Route(category, region).LeadUnitId });
        }

        long before = GC.GetTotalMemory(forceFullCollection: true);
        var core = new EngineCore(profile, calendar, catalog);
        var output = new List<EngineEvent>();
        foreach (var c in commands)
        {
            output.Clear();
            core.Apply(c, output);
        }

        output.Clear();
        long after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(core);
        double perTicket = (after - before) / (double)Tickets;
        _output.WriteLine($"{perTicket:F0} bytes per open ticket ({core.TicketCount} tickets, {core.ArmedTimers} timers armed)");
        Assert.Equal(Tickets, core.TicketCount);
        Assert.True(perTicket <= 1024, $"{perTicket:F0} bytes per open ticket");
    }
}
