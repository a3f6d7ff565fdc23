using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using NodaTime;

namespace Hotline.Engine.Timing;

// ================================================================================================
// Design: a hierarchical timing wheel (Varghese & Lauck 1987, scheme 7; Kafka's TimingWheel; the
// Linux timer wheel), driven by its owner, never by a clock.
//
// WHAT IT DOES
//   Holds tens of millions of armed deadlines (SLA clocks) as opaque 64-bit payloads with exact
//   NodaTime Instants. The owner advances it with TryTakeNext(upTo, ...), which hands back, one call
//   per distinct instant, every timer whose exact due equals the earliest armed due (if that due is
//   <= upTo). A due <= Now is refused by TrySchedule so the owner fires it at once. A deadline that
//   moves is Cancel + TrySchedule, both O(1).
//
// TIME AXIS
//   Dues are stored exactly, as long nanoseconds since the wheel's Start (so dues up to ~292 years
//   after Start). Buckets are coarser: tick = due offset / Tick (1 s by default). Tick only decides
//   which bucket a timer sits in; whether and with whom it fires is decided on its exact due, so a
//   command at 09:00:00.5 never fires a timer due at 09:00:00.7, and a batch holds exactly equal dues.
//
// LEVELS (64 slots each; a level is a 6-bit digit of the absolute tick number)
//   A timer with tick t sits at level L = (index of the highest bit where t and nowTick differ) / 6,
//   slot = digit L of t. So level L holds timers that agree with "now" on every digit above L and are
//   later on digit L. With the default 1 s tick:
//     level 0: slot = 1 s       level spans 64 s
//     level 1: slot = 64 s      level spans ~68 min
//     level 2: slot = ~68 min   level spans ~3 days
//     level 3: slot = ~3 days   level spans ~194 days
//     level 4: slot = ~194 days level spans ~34 years
//     level 5: slot = ~34 years level spans ~2,177 years (enough for the ~292-year range)
//   Levels are created on demand (the first timer that needs level L creates levels up to L); a tiny
//   tick may need up to 11. Every timer at level L is earlier than every timer at level L+1, and
//   within a level, lower slots are earlier. Hence the earliest timer is in the lowest non-empty
//   level, lowest occupied slot: one 64-bit occupancy word per level and a trailing-zero count find
//   it, so empty stretches (years at 1 s = 10^8 ticks) cost O(levels), never O(ticks).
//   When the owner advances into a level-L slot (L > 0), the internal cursor moves to the slot's
//   first tick and the slot's timers are re-placed ("cascade"); they land on strictly lower levels.
//
// COSTS (n armed timers, k timers in the earliest bucket)
//                      this wheel                          binary heap (PriorityQueue)
//   schedule           O(1): xor, log2, push on a list     O(log n) sift-up
//   cancel             O(1): unlink from the list          O(n) search, or lazy tombstone that keeps
//                                                          memory and costs an O(log n) pop later
//   take next batch    O(levels + k), plus each timer      O(b log n) for a batch of b
//                      cascades at most once per level
//                      (<= 3 times for a 30-day SLA due)
//   k is the batch size when Tick matches the engine's due resolution (1 s); with many distinct
//   sub-tick dues in one bucket each batch rescans the bucket.
//
// MEMORY
//   One 32-byte struct per timer (due, payload, next, prev, generation, bucket) in slabs of 4,096
//   (128 KiB), never copied on growth; freed slots go on a free list and are reused, so the wheel
//   keeps its high-water mark and steady-state schedule/cancel/expire allocate nothing. Buckets are
//   intrusive doubly linked lists threaded through the slab by int index (cancel = O(1) unlink).
//   Fixed overhead: 64 ints + 1 ulong per level. About 32 B per armed timer plus < one slab of slack.
//
// WORKED EXAMPLE (Tick = 1 s; ticks written as seconds since Start)
//   Now = 100 (digits l1=1, l0=36). Arm A at 130 (digits 2,2): differs at digit 1, so level 1
//   slot 2. Arm B at 101: level 0 slot 37. Arm C at 86,500 (digits l2=21, l1=7, l0=36): level 2
//   slot 21. TryTakeNext(upTo 200): level 0 slot 37 holds B, 101 <= 200: batch [B], Now = 101.
//   Again: level 0 empty; level 1 slot 2 starts at 128 <= 200: cursor to 128, cascade A to level 0
//   slot 2; then level 0 slot 2: batch [A], Now = 130. Again: level 2 slot 21 starts at 86,016 > 200:
//   Now = 200, returns false. C stays where it is until the owner advances past 86,016.
//
// THREAD CONTRACT
//   Not thread-safe, by design: one owner thread (the engine's single-writer loop) makes every call.
//   No locks, no clock reads, no timers, no callbacks: the owner tells the wheel what time it is.
// ================================================================================================

/// <summary>
/// A hierarchical timing wheel holding armed deadlines (opaque <see cref="long"/> payloads with exact
/// <see cref="Instant"/> dues). The owner advances it with <see cref="TryTakeNext"/>, which returns the
/// timers due at one instant together, in due order across calls. Schedule and cancel are O(1).
/// </summary>
/// <remarks>
/// <para>The wheel never reads a clock: <see cref="Now"/> moves only when the owner calls
/// <see cref="TryTakeNext"/>. A due at or before <see cref="Now"/> is not armed: <see cref="TrySchedule"/>
/// returns false so the owner fires it at once.</para>
/// <para>Dues may lie up to about 292 years after <see cref="Start"/>. Memory is about 32 bytes per
/// armed timer, in reusable slabs; steady-state operations allocate nothing.</para>
/// <para>Not thread-safe: one owner thread makes every call.</para>
/// </remarks>
public sealed class TimingWheel
{
    private const int SlotBits = 6;
    private const int SlotsPerLevel = 1 << SlotBits;
    private const int SlotMask = SlotsPerLevel - 1;

    // ticks are non-negative longs, so their highest bit is 62 and the highest level is 62 / 6 = 10
    private const int MaxLevels = (62 / SlotBits) + 1;

    private const int SlabShift = 12;
    private const int SlabSize = 1 << SlabShift;
    private const int SlabMask = SlabSize - 1;

    // index meaning "no node" in links and bucket heads
    private const int Nil = -1;

    // the largest due offset a node can store: long nanoseconds
    private static readonly Duration MaxOffset = Duration.FromNanoseconds(long.MaxValue);

    // origin of the offsets; immutable
    private readonly Instant start;

    // bucket width in nanoseconds, >= 1; immutable
    private readonly long tickNanos;

    // the instant the owner last advanced to (what Now returns)
    private Instant now;

    // Now as nanoseconds since start, clamped to long.MaxValue when Now lies beyond the storable range
    private long nowNanos;

    // placement cursor: equals nowNanos / tickNanos between calls; inside TryTakeNext it may run ahead
    // of Now, but never past the earliest armed tick
    private long nowTick;

    // node storage: slabs[i >> SlabShift][i & SlabMask]; slabs are allocated on demand and never freed
    private Node[][] slabs = [];

    // slabs in use (the prefix of `slabs` that is allocated)
    private int slabCount;

    // nodes [0, highWater) have been handed out at least once; the rest of the allocated slabs is fresh
    private int highWater;

    // head of the free list threaded through Node.Next, or Nil
    private int freeHead = Nil;

    // armed timers
    private int count;

    // levels created so far; heads and occupied cover exactly this many levels
    private int levelCount;

    // bucket heads: heads[level * 64 + slot] is the first node of that bucket's list, or Nil
    private int[] heads = [];

    // occupied[level] has bit `slot` set iff that bucket's list is non-empty
    private ulong[] occupied = [];

    /// <summary>Creates an empty wheel whose <see cref="Now"/> is <paramref name="start"/>.</summary>
    /// <param name="start">The wheel's first <see cref="Now"/>; dues are stored relative to it.</param>
    /// <param name="tick">Bucket width; one second when null. Only affects speed, never which timers fire
    /// when: choose the engine's due resolution.</param>
    /// <param name="initialCapacity">Timers to make room for up front (rounded up to whole slabs of 4,096);
    /// the wheel grows on demand beyond it.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tick"/> is not positive or longer than
    /// about 292 years, or <paramref name="initialCapacity"/> is negative.</exception>
    public TimingWheel(Instant start, Duration? tick = null, int initialCapacity = 0)
    {
        Duration width = tick ?? Duration.FromSeconds(1);
        if (width <= Duration.Zero || width > MaxOffset)
        {
            throw new ArgumentOutOfRangeException(
                nameof(tick), width, "The tick must be positive and at most long.MaxValue nanoseconds (about 292 years).");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(initialCapacity);

        this.start = start;
        tickNanos = width.ToInt64Nanoseconds();
        now = start;
        AddLevels(0);
        while ((long)slabCount * SlabSize < initialCapacity)
        {
            AddSlab();
        }
    }

    /// <summary>The wheel's first <see cref="Now"/>; dues may lie up to about 292 years after it.</summary>
    public Instant Start => start;

    /// <summary>The bucket width.</summary>
    public Duration Tick => Duration.FromNanoseconds(tickNanos);

    /// <summary>The instant the owner last advanced to: <see cref="Start"/>, then the due of the last batch
    /// taken or the <c>upTo</c> of the last <see cref="TryTakeNext"/> that found nothing due.</summary>
    public Instant Now => now;

    /// <summary>The number of armed timers.</summary>
    public int Count => count;

    /// <summary>
    /// Arms a timer that fires at <paramref name="due"/>, unless it is already due.
    /// </summary>
    /// <param name="due">The exact instant the timer is due.</param>
    /// <param name="payload">The opaque id handed back when the timer fires.</param>
    /// <param name="handle">The armed timer, for <see cref="Cancel"/>; <see cref="TimerHandle.None"/> when
    /// nothing was armed.</param>
    /// <returns>True when armed; false, arming nothing, when <paramref name="due"/> ≤ <see cref="Now"/>
    /// ("already due, fire it yourself").</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="due"/> lies more than about 292 years
    /// after <see cref="Start"/>.</exception>
    /// <remarks>O(1); allocates only when every slab is full.</remarks>
    public bool TrySchedule(Instant due, long payload, out TimerHandle handle)
    {
        if (due <= now)
        {
            handle = default;
            return false;
        }

        long dueNanos = ToOffset(due);
        int index = AllocateNode();
        ref Node node = ref NodeAt(index);
        node.Due = dueNanos;
        node.Payload = payload;
        Link(index, ref node, dueNanos / tickNanos);
        count++;
        handle = new TimerHandle(index, node.Generation);
        AssertInvariants();
        return true;
    }

    /// <summary>Disarms a timer.</summary>
    /// <returns>True when the timer was armed and is now disarmed; false, with no effect, for
    /// <see cref="TimerHandle.None"/> and for timers already fired or cancelled.</returns>
    /// <remarks>O(1); never allocates.</remarks>
    public bool Cancel(TimerHandle handle)
    {
        if (!IsArmed(handle))
        {
            return false;
        }

        ref Node node = ref NodeAt(handle.Index);
        Unlink(ref node);
        Free(handle.Index, ref node);
        AssertInvariants();
        return true;
    }

    /// <summary>True when <paramref name="handle"/> refers to a timer that is armed on this wheel (not
    /// fired, not cancelled).</summary>
    /// <remarks>O(1).</remarks>
    public bool IsArmed(TimerHandle handle)
    {
        if (handle.Generation == 0 || (uint)handle.Index >= (uint)highWater)
        {
            return false;
        }

        ref Node node = ref NodeAt(handle.Index);
        return node.Generation == handle.Generation && node.Bucket != Nil;
    }

    /// <summary>
    /// Takes the batch of all timers whose due equals the earliest armed due, if that due ≤
    /// <paramref name="upTo"/>: appends their payloads to <paramref name="batch"/> (in no particular order),
    /// disarms them, sets <see cref="Now"/> to that due and returns true. Otherwise sets <see cref="Now"/>
    /// to <paramref name="upTo"/> and returns false.
    /// </summary>
    /// <param name="upTo">The instant the owner is advancing to; must not be before <see cref="Now"/>. May
    /// lie beyond the storable range (e.g. to drain everything).</param>
    /// <param name="batch">Receives the payloads; existing items are kept.</param>
    /// <param name="due">The batch's due when true; <see cref="Now"/> otherwise.</param>
    /// <remarks>
    /// The owner calls this in a loop until it returns false. Between calls it may schedule timers due after
    /// <see cref="Now"/> (even before the previous <c>upTo</c>); they are taken in due order too.
    /// Cost: O(levels + timers in the earliest bucket), plus the cascades the advance triggers; never
    /// proportional to the ticks crossed. Allocates nothing except when <paramref name="batch"/> grows.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="batch"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="upTo"/> is before <see cref="Now"/>;
    /// the message names both instants.</exception>
    public bool TryTakeNext(Instant upTo, List<long> batch, out Instant due)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (upTo < now)
        {
            ThrowBackwards(upTo, now);
        }

        Duration upToOffset = upTo - start;
        long upToNanos = upToOffset > MaxOffset ? long.MaxValue : upToOffset.ToInt64Nanoseconds();
        long upToTick = upToNanos / tickNanos;

        while (true)
        {
            int level = LowestOccupiedLevel();
            if (level < 0)
            {
                break;
            }

            int slot = BitOperations.TrailingZeroCount(occupied[level]);
            if (level == 0)
            {
                int bucket = slot;
                if (((nowTick & ~(long)SlotMask) | (long)slot) > upToTick)
                {
                    break;
                }

                long earliest = EarliestDue(heads[bucket]);
                if (earliest > upToNanos)
                {
                    break;
                }

                TakeEqual(bucket, earliest, batch);
                nowNanos = earliest;
                nowTick = earliest / tickNanos;
                now = start + Duration.FromNanoseconds(earliest);
                due = now;
                AssertInvariants();
                return true;
            }

            int shift = level * SlotBits;
            long above = shift + SlotBits >= 63 ? 0 : nowTick & (-1L << (shift + SlotBits));
            long slotStart = above | ((long)slot << shift);
            if (slotStart > upToTick)
            {
                break;
            }

            // Every armed tick is >= slotStart, so the cursor may move there; the slot's timers now agree
            // with the cursor on digit `level` and must move down.
            nowTick = slotStart;
            Cascade(level, slot);
        }

        now = upTo;
        nowNanos = upToNanos;
        nowTick = upToTick;
        due = now;
        AssertInvariants();
        return false;
    }

    /// <summary>Finds the earliest armed due without advancing, e.g. for a host that sleeps until it.</summary>
    /// <param name="due">The earliest armed due when true.</param>
    /// <returns>False when no timer is armed.</returns>
    /// <remarks>O(levels + timers in the earliest bucket); that bucket may be a coarse one (up to a whole
    /// slot of a high level), so call it when about to sleep, not per command.</remarks>
    public bool TryPeekNextDue(out Instant due)
    {
        int level = LowestOccupiedLevel();
        if (level < 0)
        {
            due = default;
            return false;
        }

        int bucket = (level << SlotBits) | BitOperations.TrailingZeroCount(occupied[level]);
        due = start + Duration.FromNanoseconds(EarliestDue(heads[bucket]));
        return true;
    }

    /// <summary>
    /// Checks every structural invariant over every armed timer: O(n + levels × 64). For tests; throws
    /// <see cref="InvalidOperationException"/> naming the first broken invariant.
    /// </summary>
    internal void CheckStructure()
    {
        if (nowTick != nowNanos / tickNanos)
        {
            Fail($"cursor {nowTick} is not Now's tick {nowNanos / tickNanos}");
        }

        int seen = 0;
        for (int level = 0; level < levelCount; level++)
        {
            for (int slot = 0; slot < SlotsPerLevel; slot++)
            {
                int bucket = (level << SlotBits) | slot;
                bool bit = (occupied[level] & (1UL << slot)) != 0;
                if (bit != (heads[bucket] != Nil))
                {
                    Fail($"occupancy bit of level {level} slot {slot} is {bit} but the list is {(bit ? "empty" : "not empty")}");
                }

                int prev = Nil;
                for (int i = heads[bucket]; i != Nil; i = NodeAt(i).Next)
                {
                    ref Node node = ref NodeAt(i);
                    seen++;
                    if (seen > count)
                    {
                        Fail("more linked nodes than Count (a cycle or a leak)");
                    }

                    if (node.Prev != prev || node.Bucket != bucket || node.Generation <= 0)
                    {
                        Fail($"node {i} in bucket {bucket} has prev {node.Prev}, bucket {node.Bucket}, generation {node.Generation}");
                    }

                    if (node.Due <= nowNanos)
                    {
                        Fail($"node {i} is due at {node.Due} ns but Now is {nowNanos} ns");
                    }

                    long tick = node.Due / tickNanos;
                    int expectedLevel = BitOperations.Log2((ulong)(tick ^ nowTick) | 1) / SlotBits;
                    int expectedSlot = (int)(tick >> (expectedLevel * SlotBits)) & SlotMask;
                    if (expectedLevel != level || expectedSlot != slot)
                    {
                        Fail($"node {i} (tick {tick}) sits at level {level} slot {slot}, belongs at level {expectedLevel} slot {expectedSlot}");
                    }

                    prev = i;
                }
            }
        }

        if (seen != count)
        {
            Fail($"Count is {count} but {seen} nodes are linked");
        }

        int free = 0;
        for (int i = freeHead; i != Nil; i = NodeAt(i).Next)
        {
            if (NodeAt(i).Bucket != Nil || ++free > highWater)
            {
                Fail("the free list holds an armed node or a cycle");
            }
        }

        if (free + count != highWater)
        {
            Fail($"{free} free + {count} armed nodes != {highWater} handed out");
        }

        static void Fail(string message) => throw new InvalidOperationException("TimingWheel invariant broken: " + message);
    }

    [Conditional("DEBUG")]
    private void AssertInvariants()
    {
        Debug.Assert(count >= 0 && count <= highWater, "count within the handed-out nodes");
        Debug.Assert(nowTick == nowNanos / tickNanos, "cursor is Now's tick between calls");
        for (int level = 0; level < levelCount; level++)
        {
            // level 0 may hold Now's own tick; higher levels only digits above Now's
            int digit = (int)(nowTick >> (level * SlotBits)) & SlotMask;
            ulong notLater = level == 0 ? (1UL << digit) - 1 : (2UL << digit) - 1;
            Debug.Assert((occupied[level] & notLater) == 0, "no bucket behind the cursor");
        }
    }

    private long ToOffset(Instant due)
    {
        Duration offset = due - start;
        if (offset > MaxOffset)
        {
            ThrowBeyondRange(due, start);
        }

        return offset.ToInt64Nanoseconds();
    }

    private int LowestOccupiedLevel()
    {
        for (int level = 0; level < levelCount; level++)
        {
            if (occupied[level] != 0)
            {
                return level;
            }
        }

        return -1;
    }

    // Puts a node on the bucket its tick belongs to relative to the cursor; the node must be unlinked.
    private void Link(int index, ref Node node, long tick)
    {
        int level = BitOperations.Log2((ulong)(tick ^ nowTick) | 1) / SlotBits;
        int slot = (int)(tick >> (level * SlotBits)) & SlotMask;
        if (level >= levelCount)
        {
            AddLevels(level);
        }

        int bucket = (level << SlotBits) | slot;
        int head = heads[bucket];
        node.Next = head;
        node.Prev = Nil;
        node.Bucket = bucket;
        if (head != Nil)
        {
            NodeAt(head).Prev = index;
        }

        heads[bucket] = index;
        occupied[level] |= 1UL << slot;
    }

    private void Unlink(ref Node node)
    {
        int bucket = node.Bucket;
        if (node.Prev != Nil)
        {
            NodeAt(node.Prev).Next = node.Next;
        }
        else
        {
            heads[bucket] = node.Next;
        }

        if (node.Next != Nil)
        {
            NodeAt(node.Next).Prev = node.Prev;
        }
        else if (node.Prev == Nil)
        {
            occupied[bucket >> SlotBits] &= ~(1UL << (bucket & SlotMask));
        }
    }

    private long EarliestDue(int head)
    {
        long earliest = long.MaxValue;
        for (int i = head; i != Nil; i = NodeAt(i).Next)
        {
            earliest = Math.Min(earliest, NodeAt(i).Due);
        }

        return earliest;
    }

    // Unlinks every node of a level-0 bucket whose due is exactly `due` and hands out its payload.
    private void TakeEqual(int bucket, long due, List<long> batch)
    {
        int i = heads[bucket];
        while (i != Nil)
        {
            ref Node node = ref NodeAt(i);
            int next = node.Next;
            if (node.Due == due)
            {
                batch.Add(node.Payload);
                Unlink(ref node);
                Free(i, ref node);
            }

            i = next;
        }
    }

    // Empties one bucket of a level > 0 and re-places its nodes relative to the (just moved) cursor;
    // they share the cursor's digits down to `level`, so they land on lower levels.
    private void Cascade(int level, int slot)
    {
        int bucket = (level << SlotBits) | slot;
        int i = heads[bucket];
        heads[bucket] = Nil;
        occupied[level] &= ~(1UL << slot);
        while (i != Nil)
        {
            ref Node node = ref NodeAt(i);
            int next = node.Next;
            Link(i, ref node, node.Due / tickNanos);
            Debug.Assert(node.Bucket >> SlotBits < level, "a cascaded timer moves to a lower level");
            i = next;
        }
    }

    private int AllocateNode()
    {
        if (freeHead != Nil)
        {
            int reused = freeHead;
            freeHead = NodeAt(reused).Next;
            return reused;
        }

        if (highWater == slabCount * SlabSize)
        {
            AddSlab();
        }

        int index = highWater++;
        NodeAt(index).Generation = 1;
        return index;
    }

    private void Free(int index, ref Node node)
    {
        node.Bucket = Nil;
        node.Generation = node.Generation == int.MaxValue ? 1 : node.Generation + 1;
        node.Next = freeHead;
        freeHead = index;
        count--;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void AddSlab()
    {
        if (slabCount == int.MaxValue / SlabSize)
        {
            throw new InvalidOperationException("The timing wheel is full: it holds at most 2^31 - 4,096 timers.");
        }

        if (slabCount == slabs.Length)
        {
            Array.Resize(ref slabs, Math.Max(4, slabs.Length * 2));
        }

        slabs[slabCount++] = new Node[SlabSize];
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void AddLevels(int highestLevel)
    {
        Debug.Assert(highestLevel < MaxLevels, "ticks are non-negative longs");
        int newCount = highestLevel + 1;
        Array.Resize(ref occupied, newCount);
        Array.Resize(ref heads, newCount * SlotsPerLevel);
        heads.AsSpan(levelCount * SlotsPerLevel).Fill(Nil);
        levelCount = newCount;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref Node NodeAt(int index) => ref slabs[index >> SlabShift][index & SlabMask];

    [DoesNotReturn]
    private static void ThrowBackwards(Instant upTo, Instant now) =>
        throw new ArgumentOutOfRangeException(
            nameof(upTo),
            upTo,
            string.Create(CultureInfo.InvariantCulture, $"The timing wheel cannot go backwards: upTo {upTo} is before Now {now}."));

    [DoesNotReturn]
    private static void ThrowBeyondRange(Instant due, Instant start) =>
        throw new ArgumentOutOfRangeException(
            nameof(due),
            due,
            string.Create(CultureInfo.InvariantCulture, $"The due {due} lies more than long.MaxValue nanoseconds (about 292 years) after the wheel's start {start}."));

    // One armed or free timer: 32 bytes, no references, so slabs are plain memory to the GC.
    private struct Node
    {
        // exact due, nanoseconds since start (armed nodes only)
        public long Due;

        // the owner's opaque id
        public long Payload;

        // next node in the bucket list, or in the free list; Nil at the end
        public int Next;

        // previous node in the bucket list; Nil at the head
        public int Prev;

        // bumped on every free; >= 1 once handed out; handles must match it
        public int Generation;

        // level * 64 + slot while armed, Nil while free
        public int Bucket;
    }
}
