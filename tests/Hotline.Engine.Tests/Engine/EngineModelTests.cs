using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Hotline.Engine.Calendar;
using Hotline.Engine.Catalog;
using Hotline.Engine.Engine;
using Hotline.Engine.Profiles;
using Hotline.Engine.Protocol;
using Hotline.Engine.Routing;
using NodaTime;

namespace Hotline.Engine.Tests.Engine;

/// <summary>
/// Random command sequences against a small reference model of the state machine (spec §2 "Who may
/// do what, when"): the engine must agree with the model on every acceptance and rejection code it
/// can predict, never throw, and keep its invariants — seq counts by one, time never goes back, every
/// working-day due ends a working day, no timer fires before its due, and a clock fires at most once
/// per due value between decisions.
/// </summary>
public class EngineModelTests
{
    // The holders of the two routes the generator uses (noise.construction and water.supply at a
    // Furong street in the sample catalog), and a unit no catalog knows.
    private static readonly string[] Units = ["furong-urban-mgmt", "city-water-supply", "no-such-unit"];

    private static readonly Lazy<CompiledCatalog> Catalog = new(() => CompiledCatalog.Compile(SampleCatalogs.Changsha));

    /// <summary>One step: an op on one of four tickets, a unit choice, a flag, and minutes to wait before it.</summary>
    public sealed record Step(string Op, int Ticket, int Unit, bool Flag, int WaitMinutes);

    internal static Gen<Step> Steps =>
        from op in Gen.Frequency(
            (3, Gen.Constant("receive")), (1, Gen.Constant("dispatch")), (4, Gen.Constant("sign")), (2, Gen.Constant("return")),
            (2, Gen.Constant("return-decision")), (4, Gen.Constant("close")), (4, Gen.Constant("close-decision")),
            (3, Gen.Constant("callback")), (4, Gen.Constant("rate")), (2, Gen.Constant("redo")), (1, Gen.Constant("supervise")),
            (1, Gen.Constant("query")), (2, Gen.Constant("extend")), (2, Gen.Constant("extend-decision")), (2, Gen.Constant("appeal")),
            (2, Gen.Constant("appeal-decision")), (1, Gen.Constant("advance")))
        from ticket in Gen.Choose(0, 3)
        from unit in Gen.Choose(0, 2)
        from flag in Gen.Elements(true, false)
        from wait in Gen.Frequency((6, Gen.Choose(0, 180)), (3, Gen.Choose(180, 3 * 24 * 60)), (1, Gen.Choose(3 * 24 * 60, 20 * 24 * 60)))
        select new Step(op, ticket, unit, flag, wait);

    /// <summary>
    /// Scripts that go deep: each of four tickets follows a lifecycle (sign, maybe extend or return,
    /// close, decision, callback, rate, maybe appeal, maybe redo and again) with the right unit most
    /// of the time, the four interleaved at random, with random steps mixed in.
    /// </summary>
    internal static Gen<List<Step>> Scripts(int noise) =>
        from lifecycles in Lifecycle.ArrayOf(4)
        from order in Gen.Choose(0, 3).ListOf()
        from extra in Gen.ListOf(Steps)
        from extraAt in Gen.Choose(0, 1000).ListOf()
        select Interleave(lifecycles, order, extra.Take(noise).ToList(), extraAt);

    private static Gen<Step[]> Lifecycle =>
        from kindUnit in Gen.Choose(0, 1)
        from forwarded in Gen.Frequency((9, Gen.Constant(false)), (1, Gen.Constant(true)))
        from wrong in Gen.Choose(0, 9).ArrayOf(16)
        from flags in Gen.Elements(true, false).ArrayOf(16)
        from waits in Gen.Frequency((6, Gen.Choose(1, 180)), (3, Gen.Choose(180, 3 * 24 * 60)), (1, Gen.Choose(3 * 24 * 60, 15 * 24 * 60))).ArrayOf(16)
        select BuildLifecycle(kindUnit, forwarded, wrong, flags, waits);

    private static Step[] BuildLifecycle(int unit, bool forwarded, int[] wrong, bool[] flags, int[] waits)
    {
        var ops = new List<string> { "sign" };
        if (flags[0])
        {
            ops.AddRange(["extend", "extend-decision"]);
        }

        if (flags[1] && flags[2])
        {
            ops.AddRange(["return", "return-decision"]);
        }

        ops.AddRange(["close", "close-decision", "callback", "rate"]);
        if (flags[3])
        {
            ops.AddRange(["appeal", "appeal-decision"]);
        }

        if (flags[4])
        {
            ops.AddRange(["callback", "rate", "redo", "close", "close-decision", "callback", "rate"]);
        }

        // The ticket number is filled in by Interleave; the unit is the holder's, now and then another.
        var steps = new List<Step> { new("receive", 0, forwarded ? 2 : unit, forwarded, 1) };
        for (int i = 0; i < ops.Count && i < 15; i++)
        {
            int u = wrong[i] == 0 ? (unit + 1) % 3 : unit;
            bool flag = ops[i] is "close-decision" or "return-decision" or "extend-decision" or "appeal-decision" ? wrong[i] != 1 : flags[i];
            steps.Add(new Step(ops[i], 0, u, flag, waits[i]));
        }

        return [.. steps];
    }

    private static List<Step> Interleave(Step[][] lifecycles, List<int> order, List<Step> extra, List<int> extraAt)
    {
        var next = new int[lifecycles.Length];
        var result = new List<Step>();
        int o = 0;
        while (next.Zip(lifecycles).Any(p => p.First < p.Second.Length))
        {
            int t = o < order.Count ? order[o++] : Array.FindIndex(next, i => true);
            t = Enumerable.Range(0, lifecycles.Length).Select(k => (t + k) % lifecycles.Length).First(k => next[k] < lifecycles[k].Length);
            var step = lifecycles[t][next[t]++];
            result.Add(step with { Ticket = t, WaitMinutes = step.WaitMinutes / 4 });
        }

        for (int i = 0; i < extra.Count; i++)
        {
            int at = i < extraAt.Count ? extraAt[i] % (result.Count + 1) : result.Count;
            result.Insert(at, extra[i]);
        }

        return result;
    }

    [Property(MaxTest = 150)]
    public Property RandomSequences_AgreeWithModelAndKeepInvariants() =>
        Prop.ForAll(Scripts(20).ToArbitrary(), steps =>
        {
            foreach (var profile in new[] { "changsha-2020", "linyi-2016" })
            {
                Run(PolicyProfile.Resolve(profile), steps);
            }

            return true;
        });

    private static void Run(PolicyProfile profile, List<Step> steps)
    {
        var calendar = new EngineOptions { Profile = profile, Catalog = SampleCatalogs.Changsha }.BuildCalendar();
        var core = new EngineCore(profile, calendar, Catalog.Value);
        var model = new Model(profile.HasSignClock);
        var output = new List<EngineEvent>();
        var at = Instant.FromUtc(2026, 2, 10, 1, 0);
        long lastSeq = 0;
        Instant lastAt = at;
        var fired = new HashSet<(string Ticket, string Clock, Instant Due, int Epoch)>();
        var epoch = new Dictionary<string, int>();
        foreach (var step in steps)
        {
            at += Duration.FromMinutes(step.WaitMinutes);
            var command = Build(step, at);
            output.Clear();
            core.Apply(command, output);

            model.Check(command, output);
            if (command.Ticket is { } id && core.Status(id) is { } status)
            {
                Assert.Equal(model.StateOf(id), status.State);
            }

            foreach (var e in output)
            {
                Assert.Equal(lastSeq + 1, e.Seq);
                lastSeq = e.Seq;
                Assert.True(e.At >= lastAt, $"time went back at seq {e.Seq}");
                lastAt = e.At!.Value;
                foreach (var due in new[] { e.SignDue, e.ReturnDue, e.HandleDue })
                {
                    if (due is { } d && !e.Uncovered)
                    {
                        // Every working-day due of these profiles ends a working day at 24:00.
                        var local = d.InZone(calendar.Zone);
                        Assert.Equal(LocalTime.Midnight, local.TimeOfDay);
                        Assert.True(calendar.IsWorkingDay(calendar.LastDayOf(d)), $"{e.Name} due {d} does not end a working day");
                    }
                }

                if (e.Name is "overdue" or "warning" && e.Due is { } fireDue)
                {
                    if (e.Name == "overdue")
                    {
                        Assert.True(e.At >= fireDue, $"overdue fired at {e.At} before its due {fireDue}");
                    }

                    Assert.True(fired.Add((e.Ticket!, e.Name + e.Clock, fireDue, epoch.GetValueOrDefault(e.Ticket!))), $"{e.Name} {e.Clock} fired twice for due {fireDue} of {e.Ticket}");
                }

                if (e.Name is "return-refused" or "close-refused" or "extension-approved" or "redo" or "dispatched")
                {
                    // A new decision may fire a clock again (§7.2).
                    epoch[e.Ticket!] = epoch.GetValueOrDefault(e.Ticket!) + 1;
                }
            }
        }
    }

    internal static EngineCommand Build(Step s, Instant at)
    {
        string ticket = $"T{s.Ticket}";
        string unit = Units[s.Unit];
        return s.Op switch
        {
            "receive" => new EngineCommand
            {
                Op = CommandOp.Receive, At = at, Ticket = ticket, Channel = "phone", Kind = s.Flag ? Tickets.TicketKind.Complaint : Tickets.TicketKind.Consultation,
                Category = s.Unit == 0 ? "noise.construction" : "water.supply", Region = s.Unit == 2 && s.Flag ? "999" : "430102001",
                CallerPhone = s.Flag ? "13800000000" : null, Answer = s.Unit == 1 && !s.Flag && s.WaitMinutes % 7 == 5 ? "answered" : null,
            },
            "dispatch" => new EngineCommand { Op = CommandOp.Dispatch, At = at, Ticket = ticket, Unit = unit },
            "sign" or "close" or "appeal" or "return" => new EngineCommand
            {
                Op = s.Op switch { "sign" => CommandOp.Sign, "close" => CommandOp.Close, "appeal" => CommandOp.Appeal, _ => CommandOp.Return },
                At = at, Ticket = ticket, Unit = unit, Reason = "r", Reply = "done", Ground = "recording",
            },
            "return-decision" => new EngineCommand { Op = CommandOp.ReturnDecision, At = at, Ticket = ticket, Approve = s.Flag, Unit = unit },
            "close-decision" => new EngineCommand { Op = CommandOp.CloseDecision, At = at, Ticket = ticket, Approve = s.Flag },
            "extend" => new EngineCommand { Op = CommandOp.Extend, At = at, Ticket = ticket, Unit = unit, Days = 1 + s.Unit, Reason = "r" },
            "extend-decision" => new EngineCommand { Op = CommandOp.ExtendDecision, At = at, Ticket = ticket, Approve = s.Flag },
            "appeal-decision" => new EngineCommand { Op = CommandOp.AppealDecision, At = at, Ticket = ticket, Approve = s.Flag },
            "callback" => new EngineCommand { Op = CommandOp.Callback, At = at, Ticket = ticket, Mode = s.Flag ? "auto" : "manual" },
            "rate" => new EngineCommand { Op = CommandOp.Rate, At = at, Ticket = ticket, Rating = s.Unit switch { 0 => "satisfied", 1 => "basic", _ => "unsatisfied" } },
            "redo" => new EngineCommand { Op = CommandOp.Redo, At = at, Ticket = ticket },
            "supervise" => new EngineCommand { Op = CommandOp.Supervise, At = at, Ticket = ticket, Reason = "leader" },
            "query" => new EngineCommand { Op = CommandOp.Query, At = at, Ticket = ticket },
            _ => new EngineCommand { Op = CommandOp.Advance, At = at },
        };
    }

    /// <summary>
    /// The reference: states and holders only, from spec §2's table. Clock-driven outcomes it cannot
    /// predict (window-closed, extension-limit, timer events) it accepts and follows from the events.
    /// </summary>
    private sealed class Model(bool hasSignClock)
    {
        private readonly Dictionary<string, (string State, string? Unit, bool Signed, bool Rated, string Callback, bool Unsatisfied)> _tickets = [];
        private readonly HashSet<string> _used = [];

        public string StateOf(string ticket) => _tickets[ticket].State;

        public void Check(EngineCommand c, List<EngineEvent> events)
        {
            var rejected = events.FirstOrDefault(e => e.Name == "rejected");
            string? expectedCode = Expect(c);
            if (expectedCode is not null)
            {
                Assert.True(rejected is not null, $"{CommandReader.OpName(c.Op)} on {c.Ticket}: expected rejected {expectedCode}, got {string.Join(",", events.Select(e => e.Name))}");
                if (expectedCode == "wrong-unit-or-state")
                {
                    // extend, appeal: a pending request (invalid-state) is checked before the holder.
                    Assert.Contains(rejected!.Code, new[] { "wrong-unit", "invalid-state" });
                }
                else
                {
                    Assert.Equal(expectedCode, rejected!.Code);
                }

                return;
            }

            if (rejected is not null)
            {
                // Only clock-driven codes are outside the model.
                Assert.Contains(rejected.Code, new[] { "window-closed", "extension-limit", "invalid-state" });
                if (rejected.Code == "invalid-state")
                {
                    Assert.Contains(c.Op, new[] { CommandOp.Extend, CommandOp.ExtendDecision, CommandOp.Appeal, CommandOp.AppealDecision, CommandOp.Callback, CommandOp.Rate });
                }

                return;
            }

            Follow(events);
        }

        private string? Expect(EngineCommand c)
        {
            if (c.Op == CommandOp.Advance)
            {
                return null;
            }

            if (c.Op == CommandOp.Receive)
            {
                return _used.Contains(c.Ticket!) ? "duplicate-id" : null;
            }

            if (!_tickets.TryGetValue(c.Ticket!, out var t))
            {
                return "unknown-ticket";
            }

            bool handling = t.State == "signed" || (t.State == "dispatched" && !hasSignClock);
            if (t.State == "answered")
            {
                return c.Op == CommandOp.Query ? null : "invalid-state";
            }

            switch (c.Op)
            {
                case CommandOp.Dispatch:
                    return t.State is not ("dispatched" or "signed") ? "invalid-state" : c.Unit == "no-such-unit" ? "unknown-unit" : null;
                case CommandOp.Sign:
                    return t.State != "dispatched" ? "invalid-state" : c.Unit != t.Unit ? "wrong-unit" : null;
                case CommandOp.Return:
                case CommandOp.Close:
                    return !handling ? "invalid-state" : c.Unit != t.Unit ? "wrong-unit" : null;
                case CommandOp.ReturnDecision:
                    return t.State != "return-requested" ? "invalid-state" : c.Approve && c.Unit == "no-such-unit" ? "unknown-unit" : null;
                case CommandOp.CloseDecision:
                    return t.State != "close-requested" ? "invalid-state" : null;
                case CommandOp.Redo:
                    return t.State != "closed" ? "invalid-state" : null;
                case CommandOp.Callback:
                    return t.State != "closed" ? "invalid-state" : c.Mode == "auto" && (t.Rated || t.Callback != "none") ? "invalid-state" : null;
                case CommandOp.Rate:
                    return t.State != "closed" || t.Callback == "none" ? "invalid-state" : null;
                case CommandOp.Extend:
                    return !handling ? "invalid-state" : c.Unit != t.Unit ? "wrong-unit-or-state" : null;
                case CommandOp.Appeal:
                    return t.State != "closed" || !t.Unsatisfied ? "invalid-state" : c.Unit != t.Unit ? "wrong-unit-or-state" : null;
                default:
                    return null;
            }
        }

        private void Follow(List<EngineEvent> events)
        {
            foreach (var e in events)
            {
                if (e.Ticket is null)
                {
                    continue;
                }

                if (e.Name is "accepted" or "refused" or "forwarded" or "duplicate")
                {
                    _used.Add(e.Ticket);
                }

                if (!_tickets.TryGetValue(e.Ticket, out var t) && e.Name != "accepted")
                {
                    continue;
                }

                t = e.Name switch
                {
                    "accepted" => ("dispatched", null, false, false, "none", false),
                    "answered" => t with { State = "answered", Unit = null },
                    "dispatched" => t with { State = "dispatched", Unit = e.Unit, Signed = false },
                    "signed" => t with { State = "signed", Signed = true },
                    "return-requested" => t with { State = "return-requested" },
                    "return-refused" or "close-refused" => t with { State = t.Signed ? "signed" : "dispatched" },
                    "close-requested" => t with { State = "close-requested" },
                    "closed" => t with { State = "closed", Rated = false, Callback = "none", Unsatisfied = false },
                    "callback-sent" => t with { Callback = e.Mode! },
                    "rated" => t with { Rated = true, Callback = "none", Unsatisfied = e.Rating == "unsatisfied" },
                    "callback-required" => t with { Callback = "manual" },
                    "redo" => t with { State = t.Signed ? "signed" : "dispatched", Rated = false, Callback = "none", Unsatisfied = false },
                    _ => t,
                };
                _tickets[e.Ticket] = t;
            }
        }
    }
}
