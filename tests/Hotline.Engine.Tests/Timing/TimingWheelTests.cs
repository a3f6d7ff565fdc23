using Hotline.Engine.Timing;
using NodaTime;

namespace Hotline.Engine.Tests.Timing;

public partial class TimingWheelTests
{
    private static readonly Instant T0 = Instant.FromUtc(2025, 3, 3, 9, 0);

    [Fact]
    public void TrySchedule_DueAtOrBeforeNow_ReturnsFalseAndArmsNothing()
    {
        var wheel = new TimingWheel(T0);

        Assert.False(wheel.TrySchedule(T0, 1, out var atNow));
        Assert.False(wheel.TrySchedule(T0 - Duration.FromDays(400), 2, out var past));

        Assert.True(atNow.IsNone);
        Assert.True(past.IsNone);
        Assert.Equal(0, wheel.Count);
        Assert.False(wheel.TryTakeNext(T0 + Duration.FromDays(1), [], out _));
    }

    [Fact]
    public void TryTakeNext_EqualInstants_ComeOutAsOneBatch()
    {
        var wheel = new TimingWheel(T0);
        var due = T0 + Duration.FromHours(5);
        for (long id = 0; id < 10; id++)
        {
            Assert.True(wheel.TrySchedule(due, 100 - id, out _));
        }

        Assert.True(wheel.TrySchedule(due + Duration.FromSeconds(1), 7, out _));
        var batch = new List<long>();

        Assert.True(wheel.TryTakeNext(T0 + Duration.FromDays(1), batch, out var firedAt));

        Assert.Equal(due, firedAt);
        Assert.Equal(due, wheel.Now);
        Assert.Equal(Enumerable.Range(91, 10).Select(i => (long)i), batch.Order());
        Assert.Equal(1, wheel.Count);
    }

    [Fact]
    public void TryTakeNext_SubTickDues_FireOnlyAtTheirExactInstant()
    {
        // Both dues share the 09:00:00 bucket of a 1 s tick; a command at .5 must fire only the first.
        var wheel = new TimingWheel(T0 - Duration.FromSeconds(1));
        wheel.TrySchedule(T0 + Duration.FromMilliseconds(300), 3, out _);
        wheel.TrySchedule(T0 + Duration.FromMilliseconds(700), 7, out _);
        var batch = new List<long>();

        Assert.True(wheel.TryTakeNext(T0 + Duration.FromMilliseconds(500), batch, out var first));
        Assert.False(wheel.TryTakeNext(T0 + Duration.FromMilliseconds(500), batch, out _));
        Assert.Equal([3L], batch);
        Assert.Equal(T0 + Duration.FromMilliseconds(300), first);
        Assert.Equal(T0 + Duration.FromMilliseconds(500), wheel.Now);

        Assert.True(wheel.TryTakeNext(T0 + Duration.FromMilliseconds(700), batch, out var second));
        Assert.Equal([3L, 7L], batch);
        Assert.Equal(T0 + Duration.FromMilliseconds(700), second);
    }

    [Fact]
    public void TryTakeNext_ScheduleBetweenBatchAndUpTo_IsTakenInDueOrder()
    {
        var wheel = new TimingWheel(T0);
        wheel.TrySchedule(T0 + Duration.FromMinutes(1), 1, out _);
        wheel.TrySchedule(T0 + Duration.FromDays(3), 3, out _);
        var upTo = T0 + Duration.FromDays(10);
        var batch = new List<long>();

        Assert.True(wheel.TryTakeNext(upTo, batch, out _));
        Assert.True(wheel.TrySchedule(T0 + Duration.FromHours(2), 2, out _));
        Assert.False(wheel.TrySchedule(T0 + Duration.FromSeconds(59), 99, out _));
        while (wheel.TryTakeNext(upTo, batch, out _))
        {
        }

        Assert.Equal([1L, 2L, 3L], batch);
        Assert.Equal(upTo, wheel.Now);
    }

    [Fact]
    public void Cancel_UnknownFiredOrCancelledHandle_ReturnsFalseWithoutEffect()
    {
        var wheel = new TimingWheel(T0);
        wheel.TrySchedule(T0 + Duration.FromSeconds(1), 1, out var fired);
        wheel.TrySchedule(T0 + Duration.FromSeconds(2), 2, out var cancelled);
        wheel.TrySchedule(T0 + Duration.FromSeconds(3), 3, out var kept);
        var batch = new List<long>();
        wheel.TryTakeNext(T0 + Duration.FromSeconds(1), batch, out _);
        Assert.True(wheel.Cancel(cancelled));

        Assert.False(wheel.Cancel(default));
        Assert.False(wheel.Cancel(TimerHandle.None));
        Assert.False(wheel.Cancel(fired));
        Assert.False(wheel.Cancel(cancelled));
        Assert.False(wheel.IsArmed(fired));
        Assert.True(wheel.IsArmed(kept));
        Assert.Equal(1, wheel.Count);

        // the fired and cancelled slots get reused; the stale handles must not reach the new timers
        wheel.TrySchedule(T0 + Duration.FromSeconds(4), 4, out var reuse1);
        wheel.TrySchedule(T0 + Duration.FromSeconds(5), 5, out var reuse2);
        Assert.False(wheel.Cancel(fired));
        Assert.False(wheel.Cancel(cancelled));
        Assert.True(wheel.IsArmed(reuse1) && wheel.IsArmed(reuse2));
        while (wheel.TryTakeNext(T0 + Duration.FromMinutes(1), batch, out _))
        {
        }

        Assert.Equal([1L, 3L, 4L, 5L], batch);
        wheel.CheckStructure();
    }

    [Fact]
    public void TryTakeNext_Backwards_ThrowsNamingBothInstants()
    {
        var wheel = new TimingWheel(T0);
        wheel.TryTakeNext(T0 + Duration.FromHours(1), [], out _);
        var earlier = T0 + Duration.FromMinutes(30);

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => wheel.TryTakeNext(earlier, [], out _));

        Assert.Equal("upTo", ex.ParamName);
        Assert.Contains(earlier.ToString(), ex.Message, StringComparison.Ordinal);
        Assert.Contains((T0 + Duration.FromHours(1)).ToString(), ex.Message, StringComparison.Ordinal);
        Assert.Equal(T0 + Duration.FromHours(1), wheel.Now);
    }

    [Fact]
    public void TryTakeNext_JumpOfYears_FiresFarFutureTimersAtTheirExactDue()
    {
        var wheel = new TimingWheel(T0);
        var dues = new[] { Duration.FromDays(365 * 3), Duration.FromDays(365 * 40) + Duration.FromNanoseconds(1), Duration.FromDays(365 * 250) };
        for (int i = dues.Length - 1; i >= 0; i--)
        {
            wheel.TrySchedule(T0 + dues[i], i, out _);
        }

        var batch = new List<long>();
        var fired = new List<Instant>();
        while (wheel.TryTakeNext(T0 + Duration.FromDays(365 * 300), batch, out var at))
        {
            fired.Add(at);
        }

        Assert.Equal([0L, 1L, 2L], batch);
        Assert.Equal(dues.Select(d => T0 + d), fired);
        Assert.Equal(T0 + Duration.FromDays(365 * 300), wheel.Now);
    }

    [Fact]
    public void TryTakeNext_UpToBeyondStorableRange_DrainsEverything()
    {
        var wheel = new TimingWheel(T0);
        wheel.TrySchedule(T0 + Duration.FromDays(365 * 200), 1, out _);
        var batch = new List<long>();

        while (wheel.TryTakeNext(Instant.MaxValue, batch, out _))
        {
        }

        Assert.Equal([1L], batch);
        Assert.Equal(Instant.MaxValue, wheel.Now);
        Assert.False(wheel.TrySchedule(T0 + Duration.FromDays(1), 2, out _));
    }

    [Fact]
    public void TrySchedule_DueBeyondStorableRange_ThrowsNamingTheDue()
    {
        var wheel = new TimingWheel(T0);
        var due = T0 + Duration.FromDays(365 * 300);

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => wheel.TrySchedule(due, 1, out _));

        Assert.Contains(due.ToString(), ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, wheel.Count);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    public void Ctor_NonPositiveTick_Throws(long nanos) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TimingWheel(T0, Duration.FromNanoseconds(nanos)));

    [Fact]
    public void TryPeekNextDue_ReportsEarliestWithoutAdvancing()
    {
        var wheel = new TimingWheel(T0);
        Assert.False(wheel.TryPeekNextDue(out _));
        wheel.TrySchedule(T0 + Duration.FromDays(20) + Duration.FromMilliseconds(5), 1, out _);
        wheel.TrySchedule(T0 + Duration.FromDays(20) + Duration.FromMilliseconds(2), 2, out _);
        wheel.TrySchedule(T0 + Duration.FromDays(90), 3, out _);

        Assert.True(wheel.TryPeekNextDue(out var next));

        Assert.Equal(T0 + Duration.FromDays(20) + Duration.FromMilliseconds(2), next);
        Assert.Equal(T0, wheel.Now);
        Assert.Equal(3, wheel.Count);
    }

    [Fact]
    public void Expiry_SlaLikeLoad_FiresEveryTimerOnceInDueOrder()
    {
        const int n = 200_000;
        var wheel = new TimingWheel(T0);
        var random = new Random(12345);
        var dues = new Instant[n];
        for (int i = 0; i < n; i++)
        {
            dues[i] = T0 + Duration.FromSeconds(random.Next(1, 30 * 86_400));
            Assert.True(wheel.TrySchedule(dues[i], i, out _));
        }

        var batch = new List<long>();
        var seen = new bool[n];
        var last = T0;
        int fired = 0;
        while (wheel.TryTakeNext(T0 + Duration.FromDays(31), batch, out var at))
        {
            Assert.True(at > last);
            foreach (long id in batch)
            {
                Assert.Equal(at, dues[id]);
                Assert.False(seen[id]);
                seen[id] = true;
            }

            fired += batch.Count;
            batch.Clear();
            last = at;
        }

        Assert.Equal(n, fired);
        Assert.Equal(0, wheel.Count);
    }

    [Fact]
    public void Cancel_MostTimers_CompactsAndKeepsTheRestInOrder()
    {
        const int n = 50_000;
        var wheel = new TimingWheel(T0);
        var random = new Random(7);
        var handles = new TimerHandle[n];
        for (int i = 0; i < n; i++)
        {
            wheel.TrySchedule(T0 + Duration.FromSeconds(random.Next(1, 30 * 86_400)), i, out handles[i]);
        }

        for (int i = 0; i < n; i++)
        {
            if (i % 10 != 0)
            {
                Assert.True(wheel.Cancel(handles[i]));
            }
        }

        wheel.CheckStructure();
        Assert.Equal(n / 10, wheel.Count);
        var batch = new List<long>();
        var last = T0;
        while (wheel.TryTakeNext(T0 + Duration.FromDays(31), batch, out var at))
        {
            Assert.True(at > last);
            last = at;
        }

        Assert.Equal(Enumerable.Range(0, n / 10).Select(i => i * 10L), batch.Order());
    }

    [Fact]
    public void TrySchedule_ArmedTimers_CostAtMost64BytesEach()
    {
        const int n = 500_000;
        var due = T0 + Duration.FromDays(10);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var wheel = new TimingWheel(T0);
        for (int i = 0; i < n; i++)
        {
            wheel.TrySchedule(due + Duration.FromSeconds(i), i, out _);
        }

        long perTimer = (GC.GetAllocatedBytesForCurrentThread() - before) / n;

        Assert.InRange(perTimer, 1, 64);
        GC.KeepAlive(wheel);
    }

    [Fact]
    public void SteadyState_ScheduleCancelAndExpire_AllocateNothing()
    {
        const int n = 20_000;
        var wheel = new TimingWheel(T0);
        var handles = new TimerHandle[n];
        var batch = new List<long>(n);
        var now = T0;
        Churn();
        long before = GC.GetAllocatedBytesForCurrentThread();

        Churn();

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);

        void Churn()
        {
            for (int i = 0; i < n; i++)
            {
                wheel.TrySchedule(now + Duration.FromSeconds(1 + (i * 7919 % 86_400)), i, out handles[i]);
            }

            for (int i = 0; i < n; i += 2)
            {
                wheel.Cancel(handles[i]);
            }

            now += Duration.FromDays(1);
            while (wheel.TryTakeNext(now, batch, out _))
            {
                batch.Clear();
            }
        }
    }
}
