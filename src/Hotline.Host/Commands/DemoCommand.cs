using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Hotline.Engine.Catalog;
using Hotline.Engine.Engine;
using Hotline.Engine.Profiles;
using Hotline.Engine.Protocol;
using Hotline.Engine.Tickets;
using Hotline.Host.Reports;
using Hotline.Host.Workload;
using NodaTime;

namespace Hotline.Host.Commands;

/// <summary>
/// <c>hotline demo</c>: a realistic simulated day of a city's hotline on the embedded default — the
/// sample Changsha catalog and the changsha-2020 profile — in a fresh data directory, with a progress
/// bar and a summary at the end. No arguments, no set-up.
/// </summary>
internal static class DemoCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var tickets = new Option<int>("--tickets") { Description = "Requests received during the simulated day.", DefaultValueFactory = _ => 6000 };
        var seed = new Option<int>("--seed") { Description = "Seed of the simulated traffic (same seed, same day).", DefaultValueFactory = _ => 12345 };
        var data = new Option<string?>("--data") { Description = "Data directory to keep (default: a new folder under the system temp folder)." };
        var profile = new Option<string>("--profile") { Description = "Profile to run by.", DefaultValueFactory = _ => "changsha-2020" };
        var command = new Command("demo", """
            Runs a realistic simulated day of a city's 12345 hotline and prints what happened to it.
            Example: hotline demo
                     hotline demo --tickets 20000 --seed 7
            """)
        {
            tickets, seed, data, profile,
        };
        command.SetAction((parse, _) => RunAsync(parse.GetValue(tickets), parse.GetValue(seed), parse.GetValue(data), parse.GetValue(profile)!, stdout, stderr));
        return command;
    }

    private static async Task<int> RunAsync(int tickets, int seed, string? dataArg, string profileName, TextWriter stdout, TextWriter stderr)
    {
        if (tickets is < 1 or > 5_000_000)
        {
            stderr.WriteLine("hotline: --tickets must be between 1 and 5,000,000");
            return HotlineCli.BadInput;
        }

        PolicyProfile profile;
        try
        {
            profile = PolicyProfile.Resolve(profileName);
        }
        catch (ProfileException e)
        {
            stderr.WriteLine($"hotline: {e.Message}");
            return HotlineCli.BadInput;
        }

        string data = dataArg ?? Path.Combine(Path.GetTempPath(), $"hotline-demo-{Guid.NewGuid():N}"[..21]);
        var catalog = SampleCatalogs.Changsha;
        var zone = profile.ZoneOr(null);
        var day = new LocalDate(2026, 3, 2); // a Monday
        var from = day.AtStartOfDayInZone(zone).ToInstant();
        var traffic = new HotlineTraffic(catalog, zone, seed);
        var commands = traffic.Generate(from, from + Duration.FromDays(1), tickets);
        var monthEnd = new LocalDate(2026, 4, 1).AtStartOfDayInZone(zone).ToInstant();
        commands.Add(new EngineCommand { Op = CommandOp.Advance, At = Max(monthEnd, commands[^1].At!.Value) });

        stdout.WriteLine($"12345 hotline demo — {catalog.Version}, profile {profile.Name}");
        stdout.WriteLine($"simulating {tickets:N0} requests received on {day:yyyy-MM-dd} and their handling: {commands.Count:N0} commands");
        stdout.WriteLine($"data directory: {data}");
        stdout.Flush();

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var overdueTickets = new HashSet<string>(StringComparer.Ordinal);
        var supervisedTickets = new HashSet<string>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        await using (var engine = HotlineEngine.Start(new EngineOptions
        {
            Profile = profile,
            Catalog = catalog,
            DataDirectory = data,
            Diagnostics = m => stderr.WriteLine($"hotline: {m}"),
        }))
        {
            const int Window = 2048;
            var pending = new ValueTask<IReadOnlyList<EngineEvent>>[Window];
            var progress = new ProgressBar(ReferenceEquals(stderr, Console.Error) && Console.IsErrorRedirected ? TextWriter.Null : stderr, commands.Count);
            for (int i = 0; i < commands.Count; i += Window)
            {
                int n = Math.Min(Window, commands.Count - i);
                for (int k = 0; k < n; k++)
                {
                    pending[k] = engine.SubmitAsync(commands[i + k]);
                }

                for (int k = 0; k < n; k++)
                {
                    foreach (var e in await pending[k].ConfigureAwait(false))
                    {
                        counts[e.Name] = counts.GetValueOrDefault(e.Name) + 1;
                        if (e.Name == "overdue" && e.Clock == "handle")
                        {
                            overdueTickets.Add(e.Ticket!);
                        }
                        else if (e.Name == "supervision")
                        {
                            supervisedTickets.Add(e.Ticket!);
                        }
                    }
                }

                progress.Report(i + n);
            }

            progress.Done();
            var report = await engine.GetReportAsync(Instant.MinValue, Instant.MaxValue).ConfigureAwait(false);
            int closed = report.Units.Sum(u => u.Value.Closed), onTime = report.Units.Sum(u => u.Value.ClosedOnTime);
            int satisfied = report.Units.Sum(u => u.Value.Satisfied), basic = report.Units.Sum(u => u.Value.Basic), unsatisfied = report.Units.Sum(u => u.Value.Unsatisfied);
            var elapsed = clock.Elapsed;

            stdout.WriteLine();
            stdout.WriteLine("Requests by kind");
            foreach (var kind in Enum.GetValues<TicketKind>())
            {
                Row(stdout, kind.ToString().ToLowerInvariant(), traffic.Counts.ByKind.GetValueOrDefault(kind).ToString("N0", CultureInfo.InvariantCulture));
            }

            stdout.WriteLine();
            stdout.WriteLine("Outcome");
            Row(stdout, "received", counts.GetValueOrDefault("accepted").ToString("N0", CultureInfo.InvariantCulture));
            Row(stdout, "answered at intake (直办)", counts.GetValueOrDefault("answered").ToString("N0", CultureInfo.InvariantCulture));
            Row(stdout, "refused or redirected", counts.GetValueOrDefault("refused").ToString("N0", CultureInfo.InvariantCulture));
            Row(stdout, "duplicates", counts.GetValueOrDefault("duplicate").ToString("N0", CultureInfo.InvariantCulture));
            Row(stdout, "dispatched", report.Units.Sum(u => u.Value.Dispatched).ToString("N0", CultureInfo.InvariantCulture));
            Row(stdout, "closed", closed.ToString("N0", CultureInfo.InvariantCulture));
            Row(stdout, "on-time rate", Rate(onTime, closed));
            Row(stdout, "satisfaction rate", Rate(satisfied + basic, satisfied + basic + unsatisfied));
            Row(stdout, "overdue tickets", overdueTickets.Count.ToString("N0", CultureInfo.InvariantCulture));
            Row(stdout, "supervised tickets (督办)", supervisedTickets.Count.ToString("N0", CultureInfo.InvariantCulture));
            Row(stdout, "hot spots", counts.GetValueOrDefault("hotspot").ToString("N0", CultureInfo.InvariantCulture));
            Row(stdout, "events", counts.Values.Sum().ToString("N0", CultureInfo.InvariantCulture));
            Row(stdout, "time", $"{elapsed.TotalSeconds:F1} s ({commands.Count / Math.Max(elapsed.TotalSeconds, 0.001):N0} durable commands/s)");

            // The month's bulletin (Xiangfen 2022 art. 18), next to the data directory.
            var period = ReportPeriod.Month(day, zone);
            var (clockNow, _, _) = await engine.GetClockAsync().ConfigureAwait(false);
            var bulletin = new BulletinData(
                period, zone, null,
                await engine.GetReportAsync(period.From, period.To).ConfigureAwait(false),
                await engine.GetDailyStatisticsAsync(period.FirstDay, period.EndDay).ConfigureAwait(false),
                await engine.GetHotspotsAsync().ConfigureAwait(false),
                clockNow,
                CatalogNames.From(catalog));
            string file = Path.Combine(data, $"hotline-bulletin-{day:yyyy-MM}.html");
            await File.WriteAllTextAsync(file, BulletinHtml.Render(bulletin)).ConfigureAwait(false);
            stdout.WriteLine();
            stdout.WriteLine($"bulletin:       {file}");
        }

        stdout.WriteLine($"data directory: {data}");
        return HotlineCli.Ok;
    }

    private static Instant Max(Instant a, Instant b) => a > b ? a : b;

    private static string Rate(int part, int whole) => whole == 0 ? "—" : (100.0 * part / whole).ToString("F1", CultureInfo.InvariantCulture) + " %";

    private static void Row(TextWriter w, string label, string value) => w.WriteLine($"  {label,-28}{value,20}");
}
