using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Hotline.Engine.Timing;
using NodaTime;

namespace Hotline.Engine.Tests.Timing;

// Model test: random schedules, cancels, re-arms and advances (from nanoseconds to years) run against the
// wheel and against a plain list scanned for the minimum due. Every call must agree: which timers fire,
// at which instant, in which batches, and Now and Count after each step. So no timer fires early, late,
// twice, or never.
public partial class TimingWheelTests
{
    private static readonly Duration Year = Duration.FromDays(365);

    private static readonly Duration[] Units =
    [
        Duration.FromNanoseconds(1), Duration.FromMilliseconds(1), Duration.FromSeconds(1),
        Duration.FromMinutes(1), Duration.FromHours(1), Duration.FromDays(1), Year,
    ];

    private static readonly Duration[] Ticks =
    [
        Duration.FromSeconds(1), Duration.FromSeconds(1), Duration.FromNanoseconds(1),
        Duration.FromNanoseconds(3), Duration.FromMilliseconds(1), Duration.FromSeconds(7), Duration.FromHours(1),
    ];

    public enum OpKind
    {
        /// <summary>Arm at Now + Amount (may be ≤ Now: refused).</summary>
        ScheduleRelative,

        /// <summary>Arm at Start + Amount: a coarse absolute grid so dues collide across steps.</summary>
        ScheduleOnGrid,

        /// <summary>Cancel the Pick-th handle ever issued (armed, fired, cancelled or none).</summary>
        Cancel,

        /// <summary>Cancel the Pick-th handle and arm it again at Now + Amount.</summary>
        Rearm,

        /// <summary>One TryTakeNext(Now + Amount).</summary>
        TakeOne,

        /// <summary>TryTakeNext(Now + Amount) until it returns false.</summary>
        Advance,
    }

    [Property(MaxTest = 300)]
    public Property TryTakeNext_RandomOperations_MatchSortedListModel() =>
        Prop.ForAll(ScenarioGen().ToArbitrary(), RunAgainstModel);

    private static Gen<Scenario> ScenarioGen()
    {
        var scaled = from n in Gen.Choose(0, 1000)
                     from unit in Gen.Elements(Units)
                     select unit * n;
        var favourites = Gen.Elements(
            Duration.Zero, Duration.FromNanoseconds(1), Duration.FromMilliseconds(500), Duration.FromSeconds(1),
            Duration.FromSeconds(63), Duration.FromSeconds(64), Duration.FromSeconds(4096),
            Duration.FromDays(30), Year * 3, Year * 40);
        var offset = Gen.Frequency([(6, scaled), (3, favourites), (1, scaled.Select(d => -d))]);
        var forward = offset.Select(d => d < Duration.Zero ? -d : d);
        var grid = from n in Gen.Choose(0, 120)
                   from unit in Gen.Elements(Duration.FromSeconds(1), Duration.FromMinutes(1), Duration.FromDays(1))
                   select unit * n;
        var op = Gen.Frequency([
            (5, offset.Select(d => new Op(OpKind.ScheduleRelative, d, 0))),
            (3, grid.Select(d => new Op(OpKind.ScheduleOnGrid, d, 0))),
            (2, Gen.Choose(0, 1000).Select(p => new Op(OpKind.Cancel, Duration.Zero, p))),
            (2, from p in Gen.Choose(0, 1000) from d in offset select new Op(OpKind.Rearm, d, p)),
            (2, forward.Select(d => new Op(OpKind.TakeOne, d, 0))),
            (2, forward.Select(d => new Op(OpKind.Advance, d, 0)))]);
        return from tick in Gen.Elements(Ticks)
               from floor in Gen.Elements(0, 1, 3, 4096)
               from seconds in Gen.Choose(-1_000_000, 1_000_000)
               from nanos in Gen.Choose(0, 999_999_999)
               from ops in Gen.ArrayOf(op)
               select new Scenario(tick, floor, Instant.FromUtc(2024, 1, 1, 0, 0) + Duration.FromSeconds(seconds) + Duration.FromNanoseconds(nanos), ops);
    }

    private static void RunAgainstModel(Scenario scenario)
    {
        var wheel = new TimingWheel(scenario.Start, scenario.Tick) { CompactionFloor = scenario.CompactionFloor };
        // the model knows timers by payload (issue order), never by handle, so an aliased stale handle shows
        var model = new List<(Instant Due, long Payload)>();
        var issued = new List<(TimerHandle Handle, long Payload)> { (TimerHandle.None, -1) };
        var fired = new HashSet<long>();
        long nextPayload = 0;

        foreach (var op in scenario.Ops)
        {
            switch (op.Kind)
            {
                case OpKind.ScheduleRelative:
                    Schedule(wheel.Now + op.Amount);
                    break;
                case OpKind.ScheduleOnGrid:
                    Schedule(scenario.Start + op.Amount);
                    break;
                case OpKind.Cancel:
                    Cancel(issued[op.Pick % issued.Count]);
                    break;
                case OpKind.Rearm:
                    Cancel(issued[op.Pick % issued.Count]);
                    Schedule(wheel.Now + op.Amount);
                    break;
                case OpKind.TakeOne:
                    TakeOne(Later(wheel.Now, op.Amount));
                    break;
                case OpKind.Advance:
                    var upTo = Later(wheel.Now, op.Amount);
                    while (TakeOne(upTo))
                    {
                    }

                    break;
            }

            Assert.Equal(model.Count, wheel.Count);
            wheel.CheckStructure();
        }

        foreach (var (handle, payload) in issued)
        {
            Assert.Equal(model.Exists(t => t.Payload == payload), wheel.IsArmed(handle));
        }

        // nothing lost: draining to the end of time hands out every armed timer
        while (TakeOne(Instant.MaxValue))
        {
        }

        Assert.Empty(model);
        Assert.Equal(0, wheel.Count);

        void Schedule(Instant due)
        {
            long payload = nextPayload++;
            bool storable = due - scenario.Start <= Duration.FromNanoseconds(long.MaxValue);
            if (due > wheel.Now && !storable)
            {
                Assert.Throws<ArgumentOutOfRangeException>(() => wheel.TrySchedule(due, payload, out _));
                return;
            }

            bool armed = wheel.TrySchedule(due, payload, out var handle);
            Assert.Equal(due > wheel.Now, armed);
            Assert.Equal(armed, !handle.IsNone);
            if (armed)
            {
                model.Add((due, payload));
                issued.Add((handle, payload));
            }
        }

        void Cancel((TimerHandle Handle, long Payload) timer)
        {
            int at = model.FindIndex(t => t.Payload == timer.Payload);
            Assert.Equal(at >= 0, wheel.IsArmed(timer.Handle));
            Assert.Equal(at >= 0, wheel.Cancel(timer.Handle));
            if (at >= 0)
            {
                model.RemoveAt(at);
            }
        }

        bool TakeOne(Instant upTo)
        {
            var batch = new List<long>();
            bool took = wheel.TryTakeNext(upTo, batch, out var due);
            if (model.Count == 0 || model.Min(t => t.Due) > upTo)
            {
                Assert.False(took);
                Assert.Empty(batch);
                Assert.Equal(upTo, wheel.Now);
                return false;
            }

            var expectedDue = model.Min(t => t.Due);
            var expected = model.Where(t => t.Due == expectedDue).Select(t => t.Payload).Order().ToList();
            model.RemoveAll(t => t.Due == expectedDue);
            Assert.True(took);
            Assert.Equal(expectedDue, due);
            Assert.Equal(expectedDue, wheel.Now);
            Assert.Equal(expected, batch.Order());
            foreach (long payload in batch)
            {
                Assert.True(fired.Add(payload), $"payload {payload} fired twice");
            }

            return true;
        }
    }

    // Now + amount, saturating at the largest Instant so long runs of year-long jumps stay valid.
    private static Instant Later(Instant now, Duration amount) =>
        Instant.MaxValue - now < amount ? Instant.MaxValue : now + amount;

    public readonly record struct Op(OpKind Kind, Duration Amount, int Pick);

    public sealed record Scenario(Duration Tick, int CompactionFloor, Instant Start, Op[] Ops)
    {
        public override string ToString() =>
            $"tick {Tick}, compaction floor {CompactionFloor}, start {Start}, ops [{string.Join(", ", Ops.Select(o => $"{o.Kind} {o.Amount} #{o.Pick}"))}]";
    }
}
