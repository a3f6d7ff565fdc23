using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hotline.Engine.Calendar;
using Hotline.Engine.Catalog;
using Hotline.Engine.Engine;
using Hotline.Engine.Profiles;
using Hotline.Engine.Protocol;
using NodaTime;

namespace Hotline.Host.Tests.Reports;

/// <summary>
/// Makes <c>samples/month.jsonl</c>: a deterministic March 2026 of the Changsha sample catalog under
/// <c>changsha-2020</c>, for the bulletin's README example and these tests. A small discrete-event
/// simulation: each ticket gets a plan when it is received (sign late, return, extend, close late,
/// callback mode, rating, appeal or redo), and each event the in-memory engine answers schedules the
/// ticket's next command — so due instants come from the engine itself and no command is rejected.
/// Two clusters (construction noise at night in Meixihu, water supply in Yuhuating) raise hot spots.
/// </summary>
internal static class SampleMonth
{
    public const string Profile = "changsha-2020";

    private static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
    private static readonly Instant MonthEnd = Instant.FromUtc(2026, 3, 31, 14, 0); // 22:00 local: nothing scheduled after
    private static readonly Instant LastTick = Instant.FromUtc(2026, 3, 31, 15, 59, 59); // 23:59:59 local
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly string[] Kinds = ["consultation", "consultation", "complaint", "complaint", "complaint", "help", "report", "suggestion"];

    private static readonly string[] Common =
    [
        "noise.construction", "property.management", "property.fee", "traffic.parking", "housing.rental", "wage.arrears",
        "water.supply", "social-security.pension", "education.enrollment", "market.consumer-rights", "urban.illegal-construction",
        "noise.neighbourhood", "transport.bus", "power.outage", "environment.air", "health.hospital-service",
    ];

    private static readonly string[] Districts = ["furong-gov", "tianxin-gov", "yuelu-gov", "kaifu-gov", "yuhua-gov"];

    private static readonly string[] Grounds = ["recording", "led", "lawful-limit", "new-demand", "unfounded"];

    /// <summary>The command lines, in order.</summary>
    public static async Task<IReadOnlyList<string>> GenerateAsync()
    {
        var catalog = SampleCatalogs.Changsha;
        string[] categories = [.. catalog.Entries.Select(e => e.Category).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        string[] streets = [.. catalog.Regions.Where(r => r.Code.Length == 9).Select(r => r.Code)];
        string[] central = [.. streets.Where(s => string.CompareOrdinal(s, "430112") < 0)];

        var random = new Random(20260301);
        var sim = new Simulation(random);

        // Receives: every day of March, more on working days, plus two clusters that make hot spots.
        int n = 0;
        for (var day = new LocalDate(2026, 3, 1); day.Month == 3; day = day.PlusDays(1))
        {
            bool weekend = day.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday;
            int count = weekend ? random.Next(2, 5) : random.Next(5, 9);
            for (int i = 0; i < count; i++)
            {
                string category = random.Next(10) < 6 ? Common[random.Next(Common.Length)] : categories[random.Next(categories.Length)];
                string region = random.Next(10) < 7 ? central[random.Next(central.Length)] : streets[random.Next(streets.Length)];
                sim.Receive($"M{++n:D4}", At(day, random.Next(8 * 60, 21 * 60)), Kinds[random.Next(Kinds.Length)], category, region);
            }
        }

        for (int i = 0; i < 12; i++)
        {
            sim.Receive($"H{i + 1:D3}", At(new LocalDate(2026, 3, 9 + (i % 5)), (21 * 60) + (i * 7)), "complaint", "noise.construction.night", "430104003");
        }

        for (int i = 0; i < 11; i++)
        {
            sim.Receive($"W{i + 1:D3}", At(new LocalDate(2026, 3, 23 + (i % 4)), (7 * 60) + (i * 11)), "help", "water.supply", "430111002");
        }

        await using var engine = HotlineEngine.Start(new EngineOptions { Profile = PolicyProfile.Resolve(Profile), Catalog = catalog });
        var lines = new List<string>();
        Instant clock = Instant.MinValue;
        while (sim.TryNext(out var step))
        {
            var at = step.At < clock ? clock : step.At;
            if (at > MonthEnd)
            {
                continue;
            }

            clock = at;
            step.Command["at"] = InstantText.Format(at, Zone);
            string line = step.Command.ToJsonString(Json);
            lines.Add(line);
            foreach (var e in await engine.SubmitAsync(CommandReader.Read(line, lines.Count)!))
            {
                if (e.Name is "rejected" or "error")
                {
                    throw new InvalidOperationException($"sample command rejected: {line} → {e.Code}: {e.Message}");
                }

                sim.On(e, clock);
            }
        }

        lines.Add($$"""{"op":"advance","at":"{{InstantText.Format(LastTick, Zone)}}"}""");
        return lines;
    }

    private static Instant At(LocalDate day, int minuteOfDay) =>
        Zone.AtStrictly(day.At(new LocalTime(minuteOfDay / 60, minuteOfDay % 60))).ToInstant();

    /// <summary>One command due at an instant; ties keep the order they were scheduled in.</summary>
    private sealed record Step(Instant At, JsonObject Command);

    private sealed class Plan
    {
        public bool SignLate, Return, Extend, CloseLate, AutoCallback;
        public string? Holder, LastCallback;
        public bool Returned, Extended, Redone, AfterCare;
    }

    private sealed class Simulation(Random random)
    {
        private readonly PriorityQueue<Step, (Instant, long)> _queue = new();
        private readonly Dictionary<string, Plan> _plans = new(StringComparer.Ordinal);
        private long _order;

        public bool TryNext(out Step step) => _queue.TryDequeue(out step!, out _);

        public void Receive(string ticket, Instant at, string kind, string category, string region)
        {
            _plans[ticket] = new Plan
            {
                SignLate = random.Next(100) < 6,
                Return = random.Next(100) < 4,
                Extend = random.Next(100) < 6,
                CloseLate = random.Next(100) < 12,
                AutoCallback = random.Next(100) < 25,
            };
            Schedule(at, "receive", ticket, new JsonObject { ["channel"] = Pick("phone", "phone", "phone", "web", "wechat", "app"), ["kind"] = kind, ["category"] = category, ["region"] = region });
        }

        public void On(EngineEvent e, Instant now)
        {
            if (e.Ticket is not { } ticket || !_plans.TryGetValue(ticket, out var plan))
            {
                return;
            }

            var at = e.At ?? now;
            switch (e.Name)
            {
                case "dispatched":
                    plan.Holder = e.Unit;
                    var signAt = plan.SignLate && e.SignDue is { } signDue ? signDue + Hours(9, 12) : at + Hours(0.5, 6);
                    Schedule(signAt, "sign", ticket, Unit(plan));
                    break;
                case "signed":
                    if (plan.Return && !plan.Returned)
                    {
                        plan.Returned = true;
                        Schedule(at + Hours(1, 4), "return", ticket, Unit(plan, ("reason", "不属于本单位职责 (not ours)")));
                    }
                    else if (plan.Extend && !plan.Extended)
                    {
                        plan.Extended = true;
                        Schedule(at + Hours(1, 4), "extend", ticket, Unit(plan, ("days", 3), ("reason", "需要现场核查 (site survey)")));
                    }
                    else
                    {
                        ScheduleClose(ticket, plan, at, e.HandleDue);
                    }

                    break;
                case "return-requested":
                    string to = Districts.Where(d => !string.Equals(d, plan.Holder, StringComparison.Ordinal)).ElementAt(random.Next(Districts.Length - 1));
                    Schedule(at + Hours(1, 3), "return-decision", ticket, new JsonObject { ["approve"] = true, ["unit"] = to });
                    break;
                case "extension-requested":
                    Schedule(at + Hours(1, 3), "extend-decision", ticket, new JsonObject { ["approve"] = true });
                    break;
                case "extension-approved":
                    ScheduleClose(ticket, plan, at, e.HandleDue);
                    break;
                case "close-requested":
                    Schedule(at + Hours(0.5, 2), "close-decision", ticket, new JsonObject { ["approve"] = true });
                    break;
                case "closed":
                    plan.LastCallback = plan.AutoCallback && !plan.Redone ? "auto" : "manual";
                    Schedule(at + Hours(2, 20), "callback", ticket, new JsonObject { ["mode"] = plan.LastCallback });
                    break;
                case "callback-sent" when e.Mode == "manual":
                    Schedule(at + Hours(0.5, 5), "rate", ticket, new JsonObject { ["rating"] = Rating(plan.Redone ? 5 : 12) });
                    break;
                case "callback-sent":
                    if (random.Next(100) < 60)
                    {
                        Schedule(at + Hours(1, 48), "rate", ticket, new JsonObject { ["rating"] = Rating(12) });
                    }

                    break;
                case "callback-required":
                    Schedule(at + Hours(2, 6), "rate", ticket, new JsonObject { ["rating"] = Rating(30) });
                    break;
                case "rated" when e.Auto != true && e.Rating == "unsatisfied" && plan.LastCallback == "manual" && !plan.AfterCare:
                    plan.AfterCare = true;
                    int roll = random.Next(100);
                    if (roll < 40)
                    {
                        Schedule(at + Hours(4, 24), "appeal", ticket, Unit(plan, ("ground", Grounds[random.Next(Grounds.Length)])));
                    }
                    else if (roll < 80)
                    {
                        plan.Redone = true;
                        Schedule(at + Hours(2, 20), "redo", ticket, new JsonObject { ["reason"] = "回访不满意 (unsatisfied on callback)" });
                    }

                    break;
                case "appeal-filed":
                    Schedule(at + Hours(4, 30), "appeal-decision", ticket, new JsonObject { ["approve"] = random.Next(100) < 70 });
                    break;
                case "redo":
                    ScheduleClose(ticket, plan, at, e.HandleDue);
                    break;
            }
        }

        private void ScheduleClose(string ticket, Plan plan, Instant from, Instant? due)
        {
            Instant at;
            if (due is not { } d)
            {
                at = from + Hours(4, 48);
            }
            else if (plan.CloseLate && !plan.Redone)
            {
                at = d + Hours(2, 50);
            }
            else
            {
                at = from + Duration.FromTicks((long)((d - from).BclCompatibleTicks * (0.1 + (0.75 * random.NextDouble()))));
            }

            Schedule(at, "close", ticket, Unit(plan, ("reply", "已处理并答复 (handled and answered)")));
        }

        private void Schedule(Instant at, string op, string ticket, JsonObject fields)
        {
            var command = new JsonObject { ["op"] = op, ["at"] = null, ["ticket"] = ticket };
            foreach (var (key, value) in fields.ToList())
            {
                fields.Remove(key);
                command[key] = value;
            }

            _queue.Enqueue(new Step(at, command), (at, _order++));
        }

        private static JsonObject Unit(Plan plan, params (string Key, JsonNode Value)[] fields)
        {
            var o = new JsonObject { ["unit"] = plan.Holder };
            foreach (var (key, value) in fields)
            {
                o[key] = value;
            }

            return o;
        }

        private string Rating(int unsatisfiedPercent)
        {
            int roll = random.Next(100);
            return roll < unsatisfiedPercent ? "unsatisfied" : roll < unsatisfiedPercent + 22 ? "basic" : "satisfied";
        }

        private string Pick(params string[] values) => values[random.Next(values.Length)];

        private Duration Hours(double min, double max) => Duration.FromSeconds(Math.Round(((min + ((max - min) * random.NextDouble())) * 3600) / 60) * 60);
    }
}
