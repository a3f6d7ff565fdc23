using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using NodaTime;

namespace Hotline.Engine.Timing;

// ================================================================================================
// Design: a hierarchical timing wheel (Varghese & Lauck 1987, scheme 7; Kafka's TimingWheel; the
// Linux timer wheel), driven by its owner, never by a clock, and laid out for the memory system.
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
//   A timer with tick t sits at level L = (index of the highest bit where t and the cursor differ) / 6,
//   slot = digit L of t. So level L holds timers that agree with the cursor on every digit above L and
//   are later on digit L. With the default 1 s tick:
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
//   When the owner advances into a level-L slot (L > 0), the cursor moves to the slot's first tick and
//   the slot's timers are re-placed ("cascade"); they land on strictly lower levels.
//
// LAYOUT (why not intrusive linked lists)
//   A random access into hundreds of MB costs a cache and TLB miss (~100-400 ns on a VM), so the
//   layout minimises them. A timer is a 24-byte Entry {due, payload, slot, generation} stored inside
//   its bucket, and a bucket is a stack of 64-entry chunks: arming appends to the bucket's top chunk
//   (hot in cache), cascading and expiring scan chunks sequentially. The handle names a *slot*, whose
//   only state is a 4-byte generation (odd = armed). Cancel bumps that generation: one touch of a small
//   array, O(1). The entry left behind is a tombstone (its generation no longer matches); the next scan
//   of its bucket (cascade, expiry) drops it. When tombstones outnumber armed timers (and exceed a
//   floor), Cancel compacts every bucket: O(entries), so O(1) amortised per cancel, and stored entries
//   stay <= 2 x armed + floor.
//
// COSTS (n armed timers, k entries in the earliest bucket)
//                      this wheel                          binary heap (PriorityQueue)
//   schedule           O(1): append to a hot chunk         O(log n) sift-up
//   cancel             O(1): bump a generation (+ O(1)     O(n) search, or lazy tombstone that keeps
//                      amortised compaction)               memory until due, then an O(log n) pop
//   take next batch    O(levels + k), plus each timer      O(b log n) for a batch of b
//                      cascades at most once per level
//                      (<= 3 times for a 30-day SLA due)
//   k is the batch size when Tick matches the engine's due resolution (1 s); with many distinct
//   sub-tick dues in one bucket each batch rescans the bucket.
//
// MEMORY
//   24 B entry + 4 B slot generation + ~1 bit of free-slot bitmap = ~28 B per armed timer, plus up to
//   one partly filled chunk per non-empty bucket, doubling slack of the slot array, and tombstones
//   (at most as many as armed timers, + 4,096). Entries live in slabs of 64 chunks (96 KiB) that are
//   reused through a free-chunk list, never freed: steady-state operations allocate nothing.
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

    // entries per chunk, and chunks per slab (a slab is 4,096 entries, 96 KiB)
    private const int ChunkBits = 6;
    private const int ChunkSize = 1 << ChunkBits;
    private const int SlabChunkBits = 6;
    private const int SlabEntryBits = ChunkBits + SlabChunkBits;
    private const int SlabEntryMask = (1 << SlabEntryBits) - 1;

    // index meaning "none" for chunks and bucket tops
    private const int Nil = -1;

    // the largest due offset an entry can store: long nanoseconds
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

    // slotGenerations[slot]: odd while the slot's timer is armed, even while free; handles must match it
    private int[] slotGenerations = [];

    // slots handed out at least once: [0, slotCount)
    private int slotCount;

    // free-slot bitmap: bit b of freeWords[w] is set iff slot w * 64 + b (< slotCount) is free
    private ulong[] freeWords = [];

    // bit j of freeSummary[s] is set iff freeWords[s * 64 + j] != 0
    private ulong[] freeSummary = [];

    // no freeSummary word before this index is non-zero
    private int summaryHint;

    // free slots in the bitmap
    private int freeSlotCount;

    // armed timers
    private int count;

    // entries stored in buckets, live or tombstone; storedEntries - count = tombstones
    private int storedEntries;

    // entry storage: chunk c holds entries [c * 64, c * 64 + 64) of entrySlabs[c >> 6]
    private Entry[][] entrySlabs = [];

    // chunks allocated (the slabs cover exactly this many)
    private int chunkCount;

    // chunkNext[c]: the chunk below c in its bucket's stack, or the next free chunk; Nil at the end
    private int[] chunkNext = [];

    // head of the free-chunk list, or Nil
    private int freeChunk = Nil;

    // levels created so far; the bucket arrays and `occupied` cover exactly this many levels
    private int levelCount;

    // bucketTop[level * 64 + slot]: the chunk entries are appended to, or Nil for an empty bucket
    private int[] bucketTop = [];

    // bucketTopCount[bucket]: entries in the top chunk, 1..64 (chunks below it are full)
    private int[] bucketTopCount = [];

    // occupied[level] has bit `slot` set iff that bucket stores entries (live or tombstone)
    private ulong[] occupied = [];

    /// <summary>Creates an empty wheel whose <see cref="Now"/> is <paramref name="start"/>.</summary>
    /// <param name="start">The wheel's first <see cref="Now"/>; dues are stored relative to it.</param>
    /// <param name="tick">Bucket width; one second when null. Only affects speed, never which timers fire
    /// when: choose the engine's due resolution.</param>
    /// <param name="initialCapacity">Timers to make room for up front; the wheel grows on demand beyond it.</param>
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
        GrowSlots(Math.Max(initialCapacity, 16));
        while ((long)chunkCount * ChunkSize < initialCapacity)
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

    /// <summary>Tombstones tolerated regardless of the armed count before Cancel compacts; tests lower it
    /// to exercise compaction.</summary>
    internal int CompactionFloor { get; init; } = 4096;

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
    /// <remarks>O(1); allocates only when the wheel grows past its high-water mark.</remarks>
    public bool TrySchedule(Instant due, long payload, out TimerHandle handle)
    {
        if (due <= now)
        {
            handle = default;
            return false;
        }

        long dueNanos = ToOffset(due);
        int slot = AllocateSlot();
        int generation = ++slotGenerations[slot];
        Append(Place(dueNanos / tickNanos), new Entry(dueNanos, payload, slot, generation));
        count++;
        handle = new TimerHandle(slot, generation);
        AssertInvariants();
        return true;
    }

    /// <summary>Disarms a timer.</summary>
    /// <returns>True when the timer was armed and is now disarmed; false, with no effect, for
    /// <see cref="TimerHandle.None"/> and for timers already fired or cancelled.</returns>
    /// <remarks>O(1) amortised; never allocates. When cancelled timers outnumber armed ones (and exceed
    /// 4,096), this call compacts every bucket: O(stored timers) once, paid for by those cancels.</remarks>
    public bool Cancel(TimerHandle handle)
    {
        if (!IsArmed(handle))
        {
            return false;
        }

        ReleaseSlot(handle.Index);
        count--;
        if (storedEntries - count > Math.Max(count, CompactionFloor))
        {
            Compact();
        }

        AssertInvariants();
        return true;
    }

    /// <summary>True when <paramref name="handle"/> refers to a timer that is armed on this wheel (not
    /// fired, not cancelled).</summary>
    /// <remarks>O(1).</remarks>
    public bool IsArmed(TimerHandle handle) =>
        (uint)handle.Index < (uint)slotCount
        && (handle.Generation & 1) == 1
        && slotGenerations[handle.Index] == handle.Generation;

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
    /// Cost: O(levels + entries in the earliest bucket), plus the cascades the advance triggers; never
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
                if (((nowTick & ~(long)SlotMask) | (long)slot) > upToTick)
                {
                    break;
                }

                long earliest = EarliestLiveDue(slot);
                if (earliest == long.MaxValue)
                {
                    RebuildBucket(slot, long.MinValue, batch: null); // only tombstones: drop them
                    continue;
                }

                if (earliest > upToNanos)
                {
                    break;
                }

                RebuildBucket(slot, earliest, batch);
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

            // Every stored tick is >= slotStart, so the cursor may move there; the slot's timers now agree
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
    /// <remarks>O(levels × 64 + entries in the buckets it reads); the earliest bucket may be a coarse one
    /// (a whole slot of a high level), so call it when about to sleep, not per command.</remarks>
    public bool TryPeekNextDue(out Instant due)
    {
        for (int level = 0; level < levelCount; level++)
        {
            for (ulong bits = occupied[level]; bits != 0; bits &= bits - 1)
            {
                long earliest = EarliestLiveDue((level << SlotBits) | BitOperations.TrailingZeroCount(bits));
                if (earliest != long.MaxValue)
                {
                    due = start + Duration.FromNanoseconds(earliest);
                    return true;
                }
            }
        }

        due = default;
        return false;
    }

    /// <summary>
    /// Checks every structural invariant over every stored timer: O(n + levels × 64). For tests; throws
    /// <see cref="InvalidOperationException"/> naming the first broken invariant.
    /// </summary>
    internal void CheckStructure()
    {
        if (nowTick != nowNanos / tickNanos)
        {
            Fail($"cursor {nowTick} is not Now's tick {nowNanos / tickNanos}");
        }

        int stored = 0, live = 0, usedChunks = 0;
        for (int level = 0; level < levelCount; level++)
        {
            for (int slot = 0; slot < SlotsPerLevel; slot++)
            {
                int bucket = (level << SlotBits) | slot;
                bool bit = (occupied[level] & (1UL << slot)) != 0;
                if (bit != (bucketTop[bucket] != Nil))
                {
                    Fail($"occupancy bit of level {level} slot {slot} is {bit} but the bucket is {(bit ? "empty" : "not empty")}");
                }

                if (bit && bucketTopCount[bucket] is < 1 or > ChunkSize)
                {
                    Fail($"bucket {bucket} top chunk holds {bucketTopCount[bucket]} entries");
                }

                int n = bucketTopCount[bucket];
                for (int c = bucketTop[bucket]; c != Nil; c = chunkNext[c], n = ChunkSize)
                {
                    if (++usedChunks > chunkCount)
                    {
                        Fail("more chunks in buckets than allocated (a cycle)");
                    }

                    foreach (ref readonly Entry entry in ChunkSpan(c, n))
                    {
                        stored++;
                        long tick = entry.Due / tickNanos;
                        int expectedLevel = BitOperations.Log2((ulong)(tick ^ nowTick) | 1) / SlotBits;
                        int expectedSlot = (int)(tick >> (expectedLevel * SlotBits)) & SlotMask;
                        if (tick < nowTick || expectedLevel != level || expectedSlot != slot)
                        {
                            Fail($"an entry with tick {tick} sits at level {level} slot {slot}, belongs at level {expectedLevel} slot {expectedSlot} (cursor {nowTick})");
                        }

                        if (IsLive(entry))
                        {
                            live++;
                            if (entry.Due <= nowNanos)
                            {
                                Fail($"an armed entry is due at {entry.Due} ns but Now is {nowNanos} ns");
                            }
                        }
                    }
                }
            }
        }

        if (live != count || stored != storedEntries)
        {
            Fail($"Count is {count} with {storedEntries} stored, but {live} live of {stored} entries are in buckets");
        }

        int freeChunks = 0;
        for (int c = freeChunk; c != Nil; c = chunkNext[c])
        {
            if (++freeChunks > chunkCount)
            {
                Fail("the free-chunk list has a cycle");
            }
        }

        if (freeChunks + usedChunks != chunkCount)
        {
            Fail($"{freeChunks} free + {usedChunks} used chunks != {chunkCount} allocated");
        }

        int armedSlots = 0;
        for (int s = 0; s < slotCount; s++)
        {
            armedSlots += slotGenerations[s] & 1;
            bool free = (freeWords[s >> 6] & (1UL << (s & 63))) != 0;
            if (free == ((slotGenerations[s] & 1) == 1))
            {
                Fail($"slot {s} has generation {slotGenerations[s]} but its free bit is {free}");
            }
        }

        for (int w = 0; w < freeWords.Length; w++)
        {
            bool summarised = (freeSummary[w >> 6] & (1UL << (w & 63))) != 0;
            if (summarised != (freeWords[w] != 0) || (freeWords[w] != 0 && (w >> 6) < summaryHint))
            {
                Fail($"free-bitmap word {w} and its summary bit disagree, or lie below the hint {summaryHint}");
            }
        }

        if (armedSlots != count || freeSlotCount + count != slotCount)
        {
            Fail($"{armedSlots} armed slots, {freeSlotCount} free slots, {slotCount} handed out, Count {count}");
        }

        static void Fail(string message) => throw new InvalidOperationException("TimingWheel invariant broken: " + message);
    }

    [Conditional("DEBUG")]
    private void AssertInvariants()
    {
        Debug.Assert(count >= 0 && count <= storedEntries, "armed timers are stored");
        Debug.Assert(freeSlotCount + count == slotCount, "every slot is armed or free");
        Debug.Assert(nowTick == nowNanos / tickNanos, "cursor is Now's tick between calls");
        for (int level = 0; level < levelCount; level++)
        {
            // level 0 may hold the cursor's own tick; higher levels only digits above the cursor's
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

    // The bucket a tick belongs to relative to the cursor; creates its level when needed.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Place(long tick)
    {
        int level = BitOperations.Log2((ulong)(tick ^ nowTick) | 1) / SlotBits;
        if (level >= levelCount)
        {
            AddLevels(level);
        }

        return (level << SlotBits) | ((int)(tick >> (level * SlotBits)) & SlotMask);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Append(int bucket, in Entry entry)
    {
        int top = bucketTop[bucket];
        int n = bucketTopCount[bucket];
        if (top == Nil || n == ChunkSize)
        {
            if (top == Nil)
            {
                occupied[bucket >> SlotBits] |= 1UL << (bucket & SlotMask);
            }

            int fresh = AllocateChunk();
            chunkNext[fresh] = top;
            bucketTop[bucket] = top = fresh;
            n = 0;
        }

        EntryAt((top << ChunkBits) + n) = entry;
        bucketTopCount[bucket] = n + 1;
        storedEntries++;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool IsLive(in Entry entry) => slotGenerations[entry.Slot] == entry.Generation;

    private long EarliestLiveDue(int bucket)
    {
        long earliest = long.MaxValue;
        int n = bucketTopCount[bucket];
        for (int c = bucketTop[bucket]; c != Nil; c = chunkNext[c], n = ChunkSize)
        {
            foreach (ref readonly Entry entry in ChunkSpan(c, n))
            {
                if (entry.Due < earliest && IsLive(entry))
                {
                    earliest = entry.Due;
                }
            }
        }

        return earliest;
    }

    // Empties a bucket and re-appends its live entries: to the same bucket, except those due exactly at
    // `take`, which are disarmed into `batch`. Tombstones are dropped. Used for level 0 (take a batch) and
    // for dropping tombstones (take = long.MinValue, which no due is; batch may then be null).
    private void RebuildBucket(int bucket, long take, List<long>? batch)
    {
        int c = Detach(bucket, out int n);
        while (c != Nil)
        {
            foreach (ref readonly Entry entry in ChunkSpan(c, n))
            {
                if (!IsLive(entry))
                {
                    continue;
                }

                if (entry.Due == take)
                {
                    batch!.Add(entry.Payload);
                    ReleaseSlot(entry.Slot);
                    count--;
                }
                else
                {
                    Append(bucket, entry);
                }
            }

            c = ReleaseChunk(c);
            n = ChunkSize;
        }
    }

    // Empties one bucket of a level > 0 and re-places its live entries relative to the (just moved)
    // cursor; they share the cursor's digits down to `level`, so they land on lower levels.
    private void Cascade(int level, int slot)
    {
        int c = Detach((level << SlotBits) | slot, out int n);
        while (c != Nil)
        {
            foreach (ref readonly Entry entry in ChunkSpan(c, n))
            {
                if (IsLive(entry))
                {
                    int bucket = Place(entry.Due / tickNanos);
                    Debug.Assert(bucket >> SlotBits < level, "a cascaded timer moves to a lower level");
                    Append(bucket, entry);
                }
            }

            c = ReleaseChunk(c);
            n = ChunkSize;
        }
    }

    // Drops every tombstone: O(stored entries). Buckets keep their place; only their contents shrink.
    private void Compact()
    {
        for (int level = 0; level < levelCount; level++)
        {
            for (ulong bits = occupied[level]; bits != 0; bits &= bits - 1)
            {
                RebuildBucket((level << SlotBits) | BitOperations.TrailingZeroCount(bits), long.MinValue, batch: null);
            }
        }
    }

    // Unhooks a bucket's chunk stack and marks it empty; returns the top chunk and its entry count. The
    // caller walks the stack and releases each chunk after reading it.
    private int Detach(int bucket, out int topCount)
    {
        int top = bucketTop[bucket];
        topCount = bucketTopCount[bucket];
        bucketTop[bucket] = Nil;
        bucketTopCount[bucket] = 0;
        occupied[bucket >> SlotBits] &= ~(1UL << (bucket & SlotMask));
        storedEntries -= topCount;
        for (int c = chunkNext[top]; c != Nil; c = chunkNext[c])
        {
            storedEntries -= ChunkSize;
        }

        return top;
    }

    private Span<Entry> ChunkSpan(int chunk, int length) =>
        entrySlabs[chunk >> SlabChunkBits].AsSpan((chunk << ChunkBits) & SlabEntryMask, length);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref Entry EntryAt(int index) => ref entrySlabs[index >> SlabEntryBits][index & SlabEntryMask];

    private int AllocateChunk()
    {
        if (freeChunk == Nil)
        {
            AddSlab();
        }

        int chunk = freeChunk;
        freeChunk = chunkNext[chunk];
        return chunk;
    }

    // Returns a chunk to the free list; gives back the chunk that was below it in its bucket.
    private int ReleaseChunk(int chunk)
    {
        int below = chunkNext[chunk];
        chunkNext[chunk] = freeChunk;
        freeChunk = chunk;
        return below;
    }

    // The lowest free slot, so slots follow allocation order and scans that check liveness read the
    // generations in ascending order. Two bitmap levels keep the search short (O(1) typically; at worst
    // one summary word per 4,096 slots).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int AllocateSlot()
    {
        if (freeSlotCount > 0)
        {
            for (int s = summaryHint; ; s++)
            {
                ulong summary = freeSummary[s];
                if (summary == 0)
                {
                    continue;
                }

                summaryHint = s;
                int word = (s << 6) | BitOperations.TrailingZeroCount(summary);
                ulong bits = freeWords[word];
                freeWords[word] = bits & (bits - 1);
                if (bits == (bits & (0 - bits)))
                {
                    freeSummary[s] = summary & (summary - 1);
                }

                freeSlotCount--;
                return (word << 6) | BitOperations.TrailingZeroCount(bits);
            }
        }

        if (slotCount == slotGenerations.Length)
        {
            GrowSlots(slotCount * 2);
        }

        return slotCount++;
    }

    // Disarms a slot's timer (generation becomes even) and makes the slot reusable.
    private void ReleaseSlot(int slot)
    {
        slotGenerations[slot]++;
        int word = slot >> 6;
        freeWords[word] |= 1UL << (slot & 63);
        int s = word >> 6;
        freeSummary[s] |= 1UL << (word & 63);
        if (s < summaryHint)
        {
            summaryHint = s;
        }

        freeSlotCount++;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void GrowSlots(int capacity)
    {
        if (slotCount == Array.MaxLength)
        {
            throw new InvalidOperationException("The timing wheel is full.");
        }

        capacity = (int)Math.Min(Math.Max(capacity, 16L), Array.MaxLength);
        Array.Resize(ref slotGenerations, capacity);
        Array.Resize(ref freeWords, (capacity + 63) >> 6);
        Array.Resize(ref freeSummary, (freeWords.Length + 63) >> 6);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void AddSlab()
    {
        int slab = chunkCount >> SlabChunkBits;
        if (slab == int.MaxValue >> SlabEntryBits)
        {
            throw new InvalidOperationException("The timing wheel is full.");
        }

        if (slab == entrySlabs.Length)
        {
            Array.Resize(ref entrySlabs, Math.Max(4, slab * 2));
        }

        entrySlabs[slab] = new Entry[1 << SlabEntryBits];
        int first = chunkCount;
        chunkCount += 1 << SlabChunkBits;
        if (chunkNext.Length < chunkCount)
        {
            Array.Resize(ref chunkNext, Math.Max(chunkCount, chunkNext.Length * 2));
        }

        // thread the new chunks onto the free list in ascending order, so they are used in address order
        for (int c = chunkCount - 1; c >= first; c--)
        {
            chunkNext[c] = freeChunk;
            freeChunk = c;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void AddLevels(int highestLevel)
    {
        Debug.Assert(highestLevel < MaxLevels, "ticks are non-negative longs");
        int newCount = highestLevel + 1;
        Array.Resize(ref occupied, newCount);
        Array.Resize(ref bucketTop, newCount * SlotsPerLevel);
        Array.Resize(ref bucketTopCount, newCount * SlotsPerLevel);
        bucketTop.AsSpan(levelCount * SlotsPerLevel).Fill(Nil);
        levelCount = newCount;
    }

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

    // One stored timer: 24 bytes, no references, so slabs are plain memory to the GC. Live iff its slot
    // still has its generation; otherwise a tombstone, dropped at the next scan of its bucket.
    private readonly struct Entry(long due, long payload, int slot, int generation)
    {
        // exact due, nanoseconds since start
        public readonly long Due = due;

        // the owner's opaque id
        public readonly long Payload = payload;

        // the handle's slot
        public readonly int Slot = slot;

        // the slot's generation when armed (odd)
        public readonly int Generation = generation;
    }
}
