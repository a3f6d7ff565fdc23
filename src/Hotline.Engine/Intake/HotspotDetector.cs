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
/// Each key keeps the receive instants of its last five windows in a queue, so a receive costs
/// O(receives of that key in five windows). Owned by the partition's single writer.
/// </remarks>
internal sealed class HotspotDetector(HotspotRule rule)
{
    private readonly Duration _window = SlaPolicy.Elapsed(rule.Window);
    private readonly Dictionary<(string Category, string Region), Key> _keys = [];

    /// <summary>Records an accepted receive; returns the hot spot it makes, if any.</summary>
    public (int Count, decimal Baseline)? Record(string category, string region, Instant now)
    {
        if (!_keys.TryGetValue((category, region), out var key))
        {
            _keys[(category, region)] = key = new Key();
        }

        key.Receives.Enqueue(now);
        var horizon = now - (_window * 5);
        while (key.Receives.Count > 0 && key.Receives.Peek() <= horizon)
        {
            key.Receives.Dequeue();
        }

        var windowStart = now - _window;
        int count = 0, before = 0;
        foreach (var at in key.Receives)
        {
            if (at > windowStart)
            {
                count++;
            }
            else
            {
                before++;
            }
        }

        decimal baseline = before / 4m;
        bool quiet = key.LastHotspot is { } last && now < last + _window;
        if (quiet || count < rule.Min || count < (decimal)rule.Factor * baseline)
        {
            return null;
        }

        key.LastHotspot = now;
        return (count, Math.Round(baseline, 2, MidpointRounding.ToEven));
    }

    private sealed class Key
    {
        public Queue<Instant> Receives { get; } = new();

        public Instant? LastHotspot { get; set; }
    }
}
