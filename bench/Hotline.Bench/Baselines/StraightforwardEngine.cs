using Hotline.Engine.Catalog;
using NodaTime;

namespace Hotline.Bench.Baselines;

/// <summary>
/// The straightforward design the engine is measured against: a lock around every command, a
/// <see cref="Dictionary{TKey, TValue}"/> of ticket objects, a <see cref="PriorityQueue{TElement, TPriority}"/>
/// of deadlines with lazy cancellation, working days counted day by day, routing by walking the
/// catalog with string dictionaries, and events as dictionaries of fields. It implements the
/// lifecycle the benchmark drives (receive → dispatch → sign → close → close-decision → callback →
/// rate) with Changsha 2020's clocks, so both sides do the same work.
/// </summary>
internal sealed class StraightforwardEngine
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Ticket> _tickets = [];
    private readonly PriorityQueue<(string Ticket, string Clock, Instant Due), Instant> _deadlines = new();
    private readonly HashSet<LocalDate> _holidays;
    private readonly HashSet<LocalDate> _workdays;
    private readonly DateTimeZone _zone = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
    private readonly Dictionary<(string Category, string Region), CatalogEntry> _entries = [];
    private readonly Dictionary<string, string?> _regionParent = [];
    private readonly string _defaultUnit;
    private long _seq;

    public StraightforwardEngine(DispatchCatalog catalog, IEnumerable<LocalDate> holidays, IEnumerable<LocalDate> workdays)
    {
        _holidays = [.. holidays];
        _workdays = [.. workdays];
        foreach (var region in catalog.Regions)
        {
            _regionParent[region.Code] = region.Parent;
        }

        foreach (var entry in catalog.Entries)
        {
            _entries[(entry.Category, entry.Region)] = entry;
        }

        _defaultUnit = catalog.DefaultUnit;
    }

    public int OpenTickets => _tickets.Count;

    public List<Dictionary<string, object?>> Apply(string op, string ticket, Instant at, string? a = null, string? b = null)
    {
        lock (_gate)
        {
            var events = new List<Dictionary<string, object?>>();
            FireDue(at, events);
            switch (op)
            {
                case "receive": Receive(ticket, at, a!, b!, events); break;
                case "sign": Sign(ticket, at, a!, events); break;
                case "close": Close(ticket, at, events); break;
                case "close-decision": Closed(ticket, at, events); break;
                case "callback": Callback(ticket, at, events); break;
                case "rate": Rate(ticket, at, a!, events); break;
            }

            return events;
        }
    }

    private void Receive(string id, Instant at, string category, string region, List<Dictionary<string, object?>> events)
    {
        var (unit, limit) = Route(category, region);
        var t = new Ticket { Id = id, Unit = unit, State = "dispatched", Limit = limit, SignDue = AddWorkingDays(at, 1) };
        _tickets[id] = t;
        _deadlines.Enqueue((id, "sign", t.SignDue.Value), t.SignDue.Value);
        events.Add(Event(at, "accepted", id));
        var dispatched = Event(at, "dispatched", id);
        dispatched["unit"] = unit;
        dispatched["signDue"] = t.SignDue;
        events.Add(dispatched);
    }

    private void Sign(string id, Instant at, string unit, List<Dictionary<string, object?>> events)
    {
        if (!_tickets.TryGetValue(id, out var t) || t.State != "dispatched" || t.Unit != unit)
        {
            events.Add(Event(at, "rejected", id));
            return;
        }

        t.State = "signed";
        t.SignDue = null;
        t.ReturnDue = AddWorkingDays(at, 2);
        t.HandleDue = AddWorkingDays(at, t.Limit);
        var warn = zoneStart(LastWorkingDayOnOrBefore(t.HandleDue.Value));
        _deadlines.Enqueue((id, "handle", t.HandleDue.Value), t.HandleDue.Value);
        _deadlines.Enqueue((id, "warning", t.HandleDue.Value), warn);
        var e = Event(at, "signed", id);
        e["returnDue"] = t.ReturnDue;
        e["handleDue"] = t.HandleDue;
        events.Add(e);

        Instant zoneStart(LocalDate d) => _zone.AtStartOfDay(d).ToInstant();
    }

    private void Close(string id, Instant at, List<Dictionary<string, object?>> events)
    {
        var t = _tickets[id];
        t.State = "close-requested";
        t.OnTime = at < t.HandleDue;
        t.HandleDue = null;
        events.Add(Event(at, "close-requested", id));
    }

    private void Closed(string id, Instant at, List<Dictionary<string, object?>> events)
    {
        var t = _tickets[id];
        t.State = "closed";
        var e = Event(at, "closed", id);
        e["onTime"] = t.OnTime;
        events.Add(e);
    }

    private void Callback(string id, Instant at, List<Dictionary<string, object?>> events)
    {
        var t = _tickets[id];
        t.AutoRating = at + Duration.FromHours(72);
        _deadlines.Enqueue((id, "callback", t.AutoRating.Value), t.AutoRating.Value);
        var e = Event(at, "callback-sent", id);
        e["mode"] = "auto";
        events.Add(e);
    }

    private void Rate(string id, Instant at, string rating, List<Dictionary<string, object?>> events)
    {
        var t = _tickets[id];
        t.AutoRating = null;
        t.Rating = rating;
        var e = Event(at, "rated", id);
        e["rating"] = rating;
        e["auto"] = false;
        events.Add(e);
        _tickets.Remove(id); // the ticket leaves the hot set once rated
    }

    private void FireDue(Instant at, List<Dictionary<string, object?>> events)
    {
        while (_deadlines.TryPeek(out var item, out var when) && when <= at)
        {
            _deadlines.Dequeue();
            if (!_tickets.TryGetValue(item.Ticket, out var t))
            {
                continue; // lazily cancelled
            }

            bool live = item.Clock switch
            {
                "sign" => t.SignDue == item.Due,
                "handle" or "warning" => t.HandleDue == item.Due,
                _ => t.AutoRating == item.Due,
            };
            if (live)
            {
                var e = Event(when, item.Clock == "warning" ? "warning" : "overdue", item.Ticket);
                e["due"] = item.Due;
                events.Add(e);
            }
        }
    }

    private (string Unit, int Limit) Route(string category, string region)
    {
        for (string? c = category; c is not null; c = c.Contains('.', StringComparison.Ordinal) ? c[..c.LastIndexOf('.')] : null)
        {
            for (string? r = region; r is not null; r = _regionParent.GetValueOrDefault(r))
            {
                if (_entries.TryGetValue((c, r), out var entry))
                {
                    return (entry.Unit, entry.Limit?.Amount ?? 10);
                }
            }
        }

        return (_defaultUnit, 10);
    }

    private bool IsWorkingDay(LocalDate d) =>
        !_holidays.Contains(d) && (_workdays.Contains(d) || d.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday));

    private Instant AddWorkingDays(Instant at, int days)
    {
        var d = at.InZone(_zone).Date;
        for (int counted = 0; counted < days;)
        {
            d = d.PlusDays(1);
            if (IsWorkingDay(d))
            {
                counted++;
            }
        }

        return _zone.AtStartOfDay(d.PlusDays(1)).ToInstant();
    }

    private LocalDate LastWorkingDayOnOrBefore(Instant due)
    {
        var d = due.Minus(Duration.FromTicks(1)).InZone(_zone).Date;
        while (!IsWorkingDay(d))
        {
            d = d.PlusDays(-1);
        }

        return d;
    }

    private Dictionary<string, object?> Event(Instant at, string name, string ticket) =>
        new() { ["seq"] = ++_seq, ["at"] = at, ["event"] = name, ["ticket"] = ticket };

    private sealed class Ticket
    {
        public required string Id { get; init; }

        public required string Unit { get; set; }

        public required string State { get; set; }

        public int Limit { get; init; }

        public Instant? SignDue { get; set; }

        public Instant? ReturnDue { get; set; }

        public Instant? HandleDue { get; set; }

        public Instant? AutoRating { get; set; }

        public bool OnTime { get; set; }

        public string? Rating { get; set; }
    }
}
