using Hotline.Engine.Tickets;
using NodaTime;

namespace Hotline.Engine.Intake;

/// <summary>
/// Finds the original of a repeated request: the same caller phone, category and region as a ticket
/// that is open, or whose close is less than the profile's window ago (Zhongshan 2024 art. 13(3);
/// Xiangfen 2022 art. 9(4); Changsha 2020 art. 13(6)). When several match, the earliest received,
/// then the lowest id (spec §2.1).
/// </summary>
/// <remarks>
/// Keys are (phone, category, region); each holds its tickets in receive order, so a lookup costs the
/// few tickets one caller filed on one matter. Owned by the partition's single writer.
/// </remarks>
internal sealed class DuplicateIndex
{
    // A key holds its one ticket directly (most callers file once), or a List<Ticket> for several.
    private readonly Dictionary<(string Phone, string Category, string Region), object> _byKey = [];

    public void Add(Ticket ticket)
    {
        if (ticket.CallerPhone is null)
        {
            return;
        }

        var key = (ticket.CallerPhone, ticket.Category, ticket.Region);
        if (!_byKey.TryGetValue(key, out var held))
        {
            _byKey[key] = ticket;
        }
        else if (held is List<Ticket> list)
        {
            list.Add(ticket);
        }
        else
        {
            _byKey[key] = new List<Ticket> { (Ticket)held, ticket };
        }
    }

    /// <summary>The original ticket a new receive repeats, or null.</summary>
    public Ticket? FindOriginal(string phone, string category, string region, Instant now, Duration? window)
    {
        if (!_byKey.TryGetValue((phone, category, region), out var held))
        {
            return null;
        }

        Ticket? best = null;
        foreach (var t in held as List<Ticket> ?? [(Ticket)held])
        {
            bool matches = t.State switch
            {
                TicketState.Answered => false, // spec §7.7: never a duplicate original
                TicketState.Closed => window is { } w && t.ClosedAt is { } closedAt && now < closedAt + w,
                _ => true,
            };
            if (matches && (best is null || t.ReceivedAt < best.ReceivedAt
                || (t.ReceivedAt == best.ReceivedAt && string.CompareOrdinal(t.Id, best.Id) < 0)))
            {
                best = t;
            }
        }

        return best;
    }
}
