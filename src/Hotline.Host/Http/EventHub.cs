using System.Threading.Channels;
using Hotline.Engine.Protocol;
using NodaTime;

namespace Hotline.Host.Http;

/// <summary>
/// The host's view of the engine's event stream: one pump reads <see cref="Engine.Engine.HotlineEngine.Events"/>
/// in order and keeps, per ticket, its history and the unit holding it, the set of open tickets,
/// and fans every event out to the live (server-sent-events) subscribers.
/// </summary>
/// <remarks>
/// <para>
/// <b>Why a pump.</b> The engine's stream is bounded and holds the engine back when full, so exactly
/// one reader must drain it at all times; it never waits on a client: a subscriber whose channel is
/// full is disconnected (<see cref="EventSubscription"/>).
/// </para>
/// <para>
/// <b>Holders.</b> The unit holding a ticket changes only with a <c>dispatched</c> event (intake, an
/// approved return, a manual dispatch), so the pump tracks holders from those. Tickets recovered from
/// a data directory were dispatched before this process started: <see cref="Seed"/> learns the open
/// ones from the units' worklists at start, and <see cref="Learn"/> any other one when a request
/// asked the engine.
/// </para>
/// <para>
/// <b>History</b> keeps what a ticket went through since this process started: every event of the
/// ticket but rejections, errors, status answers and no-ticket intake outcomes (refused, forwarded,
/// duplicate create no ticket, spec §7.7). It lives in memory.
/// </para>
/// <para>
/// <b>Threads.</b> The pump is the only writer; requests read under <c>_gate</c>.
/// <see cref="WaitForAsync"/> lets a request wait until the pump has seen an event it was told about,
/// so a client reads its own writes.
/// </para>
/// </remarks>
internal sealed class EventHub
{
    private static readonly HashSet<string> NotHistory = new(StringComparer.Ordinal)
    {
        "rejected", "error", "status", "already-applied", "refused", "forwarded", "duplicate",
    };

    /// <summary>The holder of a ticket known to have none (accepted, not yet dispatched, or answered).</summary>
    public const string NoHolder = "";

    // Guards every collection below; held only for short in-memory updates and copies.
    private readonly Lock _gate = new();

    // Ticket → its events since start, in seq order; written by the pump.
    private readonly Dictionary<string, List<ServedEvent>> _history = new(StringComparer.Ordinal);

    // Ticket → the unit holding it; written by the pump, Seed and Learn.
    private readonly Dictionary<string, string> _holders = new(StringComparer.Ordinal);

    // Tickets neither closed nor answered; written by the pump and Seed.
    private readonly HashSet<string> _open = new(StringComparer.Ordinal);

    // Live subscribers; the pump writes to each without waiting.
    private readonly List<EventSubscription> _subscribers = [];

    // Capacity of each subscriber's channel.
    private readonly int _subscriberCapacity;

    // Highest seq the pump has handled; written by the pump, read by waiters.
    private long _handled;

    // Completed (and replaced) by the pump after each drained burst; waiters await the current one.
    private TaskCompletionSource _progress = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Set once the engine's stream ended: waiters stop waiting.
    private volatile bool _ended;

    /// <summary>Creates a hub whose subscribers may fall <paramref name="subscriberCapacity"/> events behind.</summary>
    public EventHub(int subscriberCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(subscriberCapacity, 1);
        _subscriberCapacity = subscriberCapacity;
    }

    /// <summary>Open tickets (dispatched, signed, in review) that the hub knows of.</summary>
    public int OpenCount
    {
        get
        {
            lock (_gate)
            {
                return _open.Count;
            }
        }
    }

    /// <summary>Reads the engine's stream until it ends; run once, by the host.</summary>
    public async Task RunAsync(ChannelReader<EngineEvent> events, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(events);
        var writer = new EventWriter(zone);
        try
        {
            while (await events.WaitToReadAsync().ConfigureAwait(false))
            {
                while (events.TryRead(out var e))
                {
                    Publish(ServedEvent.From(e, writer));
                }

                Signal();
            }
        }
        finally
        {
            _ended = true;
            lock (_gate)
            {
                foreach (var s in _subscribers)
                {
                    s.Channel.Writer.TryComplete();
                }

                _subscribers.Clear();
            }

            Signal();
        }
    }

    /// <summary>Learns that <paramref name="unit"/> holds the open ticket <paramref name="ticket"/> (from a worklist at start).</summary>
    public void Seed(string ticket, string unit)
    {
        lock (_gate)
        {
            _holders.TryAdd(ticket, unit);
            _open.Add(ticket);
        }
    }

    /// <summary>Learns a ticket's holder from the engine's answer, unless the pump already knows it.</summary>
    public void Learn(string ticket, string? unit)
    {
        if (unit is null)
        {
            return;
        }

        lock (_gate)
        {
            _holders.TryAdd(ticket, unit);
        }
    }

    /// <summary>The unit holding <paramref name="ticket"/>: <see cref="NoHolder"/> when it has none, null when the hub does not know.</summary>
    public string? HolderOf(string ticket)
    {
        lock (_gate)
        {
            return _holders.GetValueOrDefault(ticket);
        }
    }

    /// <summary>A copy of the ticket's history since start, in seq order.</summary>
    public IReadOnlyList<ServedEvent> History(string ticket)
    {
        lock (_gate)
        {
            return _history.TryGetValue(ticket, out var list) ? [.. list] : [];
        }
    }

    /// <summary>Starts receiving every event from now on.</summary>
    public EventSubscription Subscribe()
    {
        var subscription = new EventSubscription(this, _subscriberCapacity);
        lock (_gate)
        {
            if (_ended)
            {
                subscription.Channel.Writer.TryComplete();
            }
            else
            {
                _subscribers.Add(subscription);
            }
        }

        return subscription;
    }

    /// <summary>Completes when the pump has handled the event with <paramref name="seq"/> (or the stream ended).</summary>
    public async Task WaitForAsync(long seq, CancellationToken cancellationToken)
    {
        while (true)
        {
            // Read the signal before the watermark: a pump that moves the watermark after this read completes it.
            var progress = Volatile.Read(ref _progress);
            if (Volatile.Read(ref _handled) >= seq || _ended)
            {
                return;
            }

            await progress.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Publishes events a host received as a reply rather than from a stream (cluster mode: the
    /// partitions' replies), in the order given; a host either runs <see cref="RunAsync"/> or calls this.
    /// </summary>
    public void PublishReplies(IEnumerable<ServedEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var e in events)
        {
            Publish(e);
        }

        Signal();
    }

    internal void Unsubscribe(EventSubscription subscription)
    {
        lock (_gate)
        {
            _subscribers.Remove(subscription);
        }
    }

    private void Publish(ServedEvent e)
    {
        if (e.Seq == 0)
        {
            return; // an embedder's read (a status or a worklist line), not an event of the record
        }

        lock (_gate)
        {
            string? holder = null;
            if (e.Ticket is { } ticket)
            {
                switch (e.Name)
                {
                    case "accepted":
                        _holders[ticket] = NoHolder; // new here: no one holds it until it is dispatched
                        break;
                    case "dispatched" when e.Unit is not null:
                        _holders[ticket] = e.Unit;
                        _open.Add(ticket);
                        break;
                    case "redo":
                        _open.Add(ticket);
                        break;
                    case "closed" or "answered":
                        _open.Remove(ticket);
                        break;
                }

                holder = _holders.GetValueOrDefault(ticket);
                if (!NotHistory.Contains(e.Name))
                {
                    if (!_history.TryGetValue(ticket, out var list))
                    {
                        _history[ticket] = list = [];
                    }

                    list.Add(e);
                }
            }

            for (int i = _subscribers.Count - 1; i >= 0; i--)
            {
                var s = _subscribers[i];
                if (!s.Channel.Writer.TryWrite(new HubEvent(e, holder)))
                {
                    // Fallen a whole channel behind: cut it loose rather than hold the engine.
                    s.Channel.Writer.TryComplete(new OverflowException("the client fell too far behind the event stream"));
                    _subscribers.RemoveAt(i);
                }
            }
        }

        Volatile.Write(ref _handled, e.Seq);
    }

    private void Signal()
    {
        var next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref _progress, next).TrySetResult();
    }
}
