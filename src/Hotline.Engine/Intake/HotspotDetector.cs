using Hotline.Engine.Profiles;
using Hotline.Engine.Sla;
using NodaTime;

namespace Hotline.Engine.Intake;

/// <summary>
/// Hot spots (Zhongshan 2024 arts. 26–29; Changsha 2020 art. 34(2)): a category × region whose
/// accepted receives over the trailing window (now − window, now] reach at least <c>min</c> and at
/// least <c>factor</c> × the baseline — the count in (now − 5·window, now − window] divided by 4 —
/// after which it stays quiet for one window (spec §2, §7.15).
/// </summary>
/// <remarks>
/// Each key keeps the receive instants of its last five windows; a receive costs O(1) amortised.
/// Owned by the partition's single writer.
/// </remarks>
internal sealed class HotspotDetector(HotspotRule rule)
{
    private readonly Duration _window = SlaPolicy.Elapsed(rule.Window);
    private readonly Duration _window5 = SlaPolicy.Elapsed(rule.Window) * 5;
    private readonly Dictionary<long, Key> _keys = [];

    /// <summary>Records an accepted receive; returns the hot spot it makes, if any.</summary>
    /// <remarks>
    /// Receives come in time order, so each key keeps its instants of the last five windows in a list
    /// with two moving starts (the five-window horizon and the trailing window): a receive costs
    /// O(1) amortised.
    /// </remarks>
    /// <param name="category">The category's interned id.</param>
    /// <param name="region">The region's interned id.</param>
    /// <param name="now">The receive's instant (never earlier than the last).</param>
    public (int Count, decimal Baseline)? Record(int category, int region, Instant now)
    {
        long packed = ((long)category << 32) | (uint)region;
        if (!_keys.TryGetValue(packed, out var key))
        {
            _keys[packed] = key = new Key();
        }

        key.Receives.Add(now);
        var horizon = now - _window5;
        while (key.Receives[key.Start] <= horizon)
        {
            key.Start++;
        }

        var windowStart = now - _window;
        key.WindowStart = Math.Max(key.WindowStart, key.Start);
        while (key.Receives[key.WindowStart] <= windowStart)
        {
            key.WindowStart++;
        }

        int count = key.Receives.Count - key.WindowStart;
        int before = key.WindowStart - key.Start;
        if (key.Start > 64 && key.Start * 2 > key.Receives.Count)
        {
            key.Compact();
        }

        // count ≥ factor × before / 4, in integers where the factor allows.
        if (count < rule.Min || (decimal)count * 4 < (decimal)rule.Factor * before
            || (key.LastHotspot is { } last && now < last + _window))
        {
            return null;
        }

        key.LastHotspot = now;
        return (count, Math.Round(before / 4m, 2, MidpointRounding.ToEven));
    }

    private sealed class Key
    {
        public List<Instant> Receives { get; } = [];

        /// <summary>Index of the first receive inside the five windows.</summary>
        public int Start { get; set; }

        /// <summary>Index of the first receive inside the trailing window.</summary>
        public int WindowStart { get; set; }

        public Instant? LastHotspot { get; set; }

        public void Compact()
        {
            Receives.RemoveRange(0, Start);
            WindowStart -= Start;
            Start = 0;
        }
    }
}
