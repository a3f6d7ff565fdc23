using Hotline.Engine.Catalog;
using Hotline.Engine.Protocol;
using Hotline.Engine.Routing;
using Hotline.Engine.Tickets;
using NodaTime;

namespace Hotline.Host.Workload;

/// <summary>
/// Synthetic but realistic hotline traffic for the demo and the peak-hour benchmark: citizens'
/// requests arriving with a morning peak, a mix of kinds, categories and places concentrated the way
/// real 12345 traffic is (a few matters and streets take most calls: Zipf-like), and for each accepted
/// ticket a full lifecycle — signature, returns, extensions, close, review, callback, rating, appeals
/// and redos — spread over the following working days. Deterministic for a seed.
/// </summary>
/// <remarks>
/// Scale: Beijing's line took 21.4 million requests in 2023, about 59,000 a day; a busy morning hour
/// carries about 9 % of a day. <see cref="TicketsPerDay"/> sets the size; the commands come out in
/// time order (ties by ticket), ready to submit.
/// </remarks>
internal sealed class HotlineTraffic
{
    /// <summary>Requests a day for one large city (Beijing 2023: 21.4 million a year).</summary>
    public const int CityRequestsPerDay = 59_000;

    // Share of a day's requests by hour of day (sums to 1): quiet nights, a sharp morning peak.
    private static readonly double[] HourShare =
    [
        0.004, 0.003, 0.002, 0.002, 0.003, 0.006, 0.015, 0.040, 0.085, 0.090, 0.088, 0.080,
        0.060, 0.060, 0.072, 0.070, 0.066, 0.058, 0.045, 0.040, 0.035, 0.028, 0.016, 0.012,
    ];

    private static readonly (TicketKind Kind, double Share)[] Kinds =
    [
        (TicketKind.Consultation, 0.40), (TicketKind.Help, 0.18), (TicketKind.Complaint, 0.26),
        (TicketKind.Report, 0.09), (TicketKind.Suggestion, 0.05), (TicketKind.Praise, 0.02),
    ];

    private static readonly string[] Channels = ["phone", "phone", "phone", "phone", "web", "wechat", "app", "sms", "email"];

    private readonly Random _random;
    private readonly CompiledCatalog _catalog;
    private readonly string[] _categories;
    private readonly string[] _streets;
    private readonly double[] _categoryWeights;
    private readonly double[] _streetWeights;
    private readonly DateTimeZone _zone;

    public HotlineTraffic(DispatchCatalog catalog, DateTimeZone zone, int seed)
    {
        _random = new Random(seed);
        _catalog = CompiledCatalog.Compile(catalog);
        _zone = zone;
        _categories = [.. catalog.Entries.Select(e => e.Category).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        var leaves = catalog.Regions.Where(r => !catalog.Regions.Any(c => c.Parent == r.Code)).Select(r => r.Code).Order(StringComparer.Ordinal).ToArray();
        _streets = leaves.Length > 0 ? leaves : [.. catalog.Regions.Select(r => r.Code)];
        _categoryWeights = Zipf(_categories.Length, 1.1);
        _streetWeights = Zipf(_streets.Length, 0.8);
        Shuffle(_categoryWeights);
        Shuffle(_streetWeights);
    }

    /// <summary>What the traffic produced, for summaries.</summary>
    public TrafficCounts Counts { get; } = new();

    /// <summary>
    /// Every command of <paramref name="tickets"/> requests arriving over [<paramref name="from"/>,
    /// <paramref name="to"/>) with the day's hourly shape, and their lifecycles, in time order.
    /// </summary>
    public List<EngineCommand> Generate(Instant from, Instant to, int tickets, string idPrefix = "H")
    {
        var steps = new List<(Instant At, string Ticket, int Order, EngineCommand Command)>(tickets * 8);
        var arrivals = Arrivals(from, to, tickets);
        var phones = new List<string>();
        for (int i = 0; i < arrivals.Count; i++)
        {
            string id = $"{idPrefix}{i:D7}";
            Lifecycle(id, arrivals[i], phones, steps);
        }

        steps.Sort((a, b) =>
        {
            int c = a.At.CompareTo(b.At);
            if (c != 0)
            {
                return c;
            }

            c = string.CompareOrdinal(a.Ticket, b.Ticket);
            return c != 0 ? c : a.Order.CompareTo(b.Order);
        });
        return [.. steps.Select(s => s.Command)];
    }

    private List<Instant> Arrivals(Instant from, Instant to, int tickets)
    {
        // Weight every minute of the window by its hour's share; draw arrival minutes from that.
        var minutes = new List<(Instant Minute, double Weight)>();
        for (var m = from; m < to; m += Duration.FromMinutes(1))
        {
            minutes.Add((m, HourShare[m.InZone(_zone).Hour]));
        }

        double total = minutes.Sum(m => m.Weight);
        var cumulative = new double[minutes.Count];
        double run = 0;
        for (int i = 0; i < minutes.Count; i++)
        {
            run += minutes[i].Weight / total;
            cumulative[i] = run;
        }

        var arrivals = new List<Instant>(tickets);
        for (int i = 0; i < tickets; i++)
        {
            int index = Array.BinarySearch(cumulative, _random.NextDouble());
            index = Math.Min(index < 0 ? ~index : index, minutes.Count - 1);
            arrivals.Add(minutes[index].Minute + Duration.FromSeconds(_random.Next(60)));
        }

        arrivals.Sort();
        return arrivals;
    }

    private void Lifecycle(string id, Instant at, List<string> phones, List<(Instant, string, int, EngineCommand)> steps)
    {
        int order = 0;
        string operatorId = "op" + id[^2..]; // the hotline operator on duty for this call
        void Add(Instant when, EngineCommand c) => steps.Add((when, id, order++, c with { At = when, Ticket = id, By = c.By ?? operatorId }));

        var kind = Pick(Kinds);
        string category = _categories[Weighted(_categoryWeights)];
        string region = _streets[Weighted(_streetWeights)];
        string phone = phones.Count > 50 && _random.NextDouble() < 0.03 ? phones[_random.Next(phones.Count)] : $"13{_random.Next(100_000_000, 999_999_999)}";
        phones.Add(phone);
        var receive = new EngineCommand
        {
            Op = CommandOp.Receive, Channel = Channels[_random.Next(Channels.Length)], Kind = kind, Category = category, Region = region,
            CallerName = "市民", CallerPhone = phone, CallerAnonymous = _random.NextDouble() < 0.05,
            Text = "诉求内容", Complex = _random.NextDouble() < 0.1, Urgent = _random.NextDouble() < 0.02,
        };
        double roll = _random.NextDouble();
        Counts.Received++;
        Counts.ByKind[kind] = Counts.ByKind.GetValueOrDefault(kind) + 1;
        if (roll < 0.01)
        {
            Add(at, receive with { Emergency = "medical" });
            return;
        }

        if (roll < 0.03)
        {
            Add(at, receive with { Exclusion = _random.NextDouble() < 0.5 ? "legal-channel" : "incomplete" });
            return;
        }

        if (kind == TicketKind.Consultation && _random.NextDouble() < 0.55)
        {
            // 直办: the knowledge base answers it at once.
            Add(at, receive with { Answer = "知识库答复" });
            return;
        }

        Add(at, receive);
        var route = _catalog.Route(category.AsSpan(), region.AsSpan());
        string unit = route.LeadUnitId ?? _catalog.UnitId(_catalog.DefaultUnit);
        var t = at;

        // Sign: most within hours, a few late (Changsha 2020 art. 17: by the next working day).
        t = Later(t, _random.NextDouble() < 0.93 ? Duration.FromMinutes(_random.Next(5, 8 * 60)) : Duration.FromHours(_random.Next(30, 80)));
        Add(t, new EngineCommand { Op = CommandOp.Sign, Unit = unit, By = unit });

        if (_random.NextDouble() < 0.03)
        {
            t = Later(t, Duration.FromHours(_random.Next(1, 20)));
            Add(t, new EngineCommand { Op = CommandOp.Return, Unit = unit, Reason = "not our duty", By = unit });
            t = Later(t, Duration.FromHours(_random.Next(1, 24)));
            if (_random.NextDouble() < 0.6)
            {
                string other = _catalog.UnitId(_random.Next(_catalog.UnitCount));
                Add(t, new EngineCommand { Op = CommandOp.ReturnDecision, Approve = true, Unit = other });
                unit = other;
                t = Later(t, Duration.FromMinutes(_random.Next(10, 6 * 60)));
                Add(t, new EngineCommand { Op = CommandOp.Sign, Unit = unit, By = unit });
            }
            else
            {
                Add(t, new EngineCommand { Op = CommandOp.ReturnDecision, Approve = false });
            }
        }

        // Handling: mostly a few working days; some need an extension, some run late.
        double handling = _random.NextDouble();
        var work = handling < 0.85 ? Duration.FromHours(_random.Next(4, 24 * 7)) : Duration.FromHours(_random.Next(24 * 7, 24 * 20));
        if (_random.NextDouble() < 0.05)
        {
            t = Later(t, Duration.FromHours(_random.Next(24, 48)));
            Add(t, new EngineCommand { Op = CommandOp.Extend, Unit = unit, Days = _random.Next(1, 6), Reason = "needs site survey", By = unit });
            t = Later(t, Duration.FromHours(_random.Next(1, 8)));
            Add(t, new EngineCommand { Op = CommandOp.ExtendDecision, Approve = _random.NextDouble() < 0.8 });
        }

        t = Later(t, work);
        Add(t, new EngineCommand { Op = CommandOp.Close, Unit = unit, Reply = "已办结", By = unit });
        t = Later(t, Duration.FromMinutes(_random.Next(30, 24 * 60)));
        bool approved = _random.NextDouble() < 0.95;
        Add(t, new EngineCommand { Op = CommandOp.CloseDecision, Approve = approved });
        if (!approved)
        {
            t = Later(t, Duration.FromHours(_random.Next(4, 72)));
            Add(t, new EngineCommand { Op = CommandOp.Close, Unit = unit, Reply = "补充办理", By = unit });
            t = Later(t, Duration.FromMinutes(_random.Next(30, 600)));
            Add(t, new EngineCommand { Op = CommandOp.CloseDecision, Approve = true });
        }

        // After-care (Changsha 2020 arts. 25–27): a callback on every closed ticket.
        t = Later(t, Duration.FromHours(_random.Next(1, 24)));
        bool auto = _random.NextDouble() < 0.7;
        Add(t, new EngineCommand { Op = CommandOp.Callback, Mode = auto ? "auto" : "manual" });
        double answer = _random.NextDouble();
        if (auto && answer < 0.2)
        {
            return; // no answer: the engine rates basic after 72 hours
        }

        t = Later(t, Duration.FromMinutes(_random.Next(5, 24 * 60)));
        double r = _random.NextDouble();
        string rating = r < 0.72 ? "satisfied" : r < 0.9 ? "basic" : "unsatisfied";
        Add(t, new EngineCommand { Op = CommandOp.Rate, Rating = rating });
        if (rating != "unsatisfied")
        {
            return;
        }

        if (auto)
        {
            // Unsatisfied on an auto callback: the manual callback within 1 working day.
            t = Later(t, Duration.FromHours(_random.Next(1, 20)));
            Add(t, new EngineCommand { Op = CommandOp.Rate, Rating = _random.NextDouble() < 0.5 ? "basic" : "unsatisfied" });
        }

        double next = _random.NextDouble();
        if (next < 0.3)
        {
            t = Later(t, Duration.FromHours(_random.Next(2, 72)));
            Add(t, new EngineCommand { Op = CommandOp.Appeal, Unit = unit, Ground = "lawful-limit", By = unit });
            t = Later(t, Duration.FromHours(_random.Next(2, 48)));
            Add(t, new EngineCommand { Op = CommandOp.AppealDecision, Approve = _random.NextDouble() < 0.5 });
        }
        else if (next < 0.6)
        {
            // 发回重办 (Linyi 2016 art. 14(4)).
            t = Later(t, Duration.FromHours(_random.Next(2, 24)));
            Add(t, new EngineCommand { Op = CommandOp.Redo, Reason = "caller still unsatisfied" });
            t = Later(t, Duration.FromHours(_random.Next(24, 24 * 6)));
            Add(t, new EngineCommand { Op = CommandOp.Close, Unit = unit, Reply = "重新办理", By = unit });
            t = Later(t, Duration.FromMinutes(_random.Next(30, 600)));
            Add(t, new EngineCommand { Op = CommandOp.CloseDecision, Approve = true });
            t = Later(t, Duration.FromHours(_random.Next(1, 24)));
            Add(t, new EngineCommand { Op = CommandOp.Callback, Mode = "manual" });
            t = Later(t, Duration.FromMinutes(_random.Next(5, 600)));
            Add(t, new EngineCommand { Op = CommandOp.Rate, Rating = _random.NextDouble() < 0.7 ? "basic" : "unsatisfied" });
        }
    }

    private static Instant Later(Instant t, Duration by) => t + by;

    private T Pick<T>((T Item, double Share)[] shares)
    {
        double x = _random.NextDouble();
        foreach (var (item, share) in shares)
        {
            if ((x -= share) < 0)
            {
                return item;
            }
        }

        return shares[^1].Item;
    }

    private int Weighted(double[] weights)
    {
        double x = _random.NextDouble();
        for (int i = 0; i < weights.Length; i++)
        {
            if ((x -= weights[i]) < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    private static double[] Zipf(int n, double s)
    {
        var w = Enumerable.Range(1, n).Select(k => 1 / Math.Pow(k, s)).ToArray();
        double sum = w.Sum();
        return [.. w.Select(x => x / sum)];
    }

    private void Shuffle(double[] values)
    {
        for (int i = values.Length - 1; i > 0; i--)
        {
            int j = _random.Next(i + 1);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }
}
