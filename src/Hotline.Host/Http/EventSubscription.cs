using System.Threading.Channels;

namespace Hotline.Host.Http;

/// <summary>
/// One live reader of the <see cref="EventHub"/>: a bounded channel the hub writes without waiting.
/// A reader that falls a whole channel behind is completed with an <see cref="OverflowException"/>,
/// so a slow client can never hold the engine back. Dispose to leave.
/// </summary>
internal sealed class EventSubscription : IDisposable
{
    // The hub that feeds this subscription; it removes the channel on Dispose.
    private readonly EventHub _hub;

    internal EventSubscription(EventHub hub, int capacity)
    {
        _hub = hub;
        Channel = System.Threading.Channels.Channel.CreateBounded<HubEvent>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait, // TryWrite then fails instead of dropping silently
        });
    }

    /// <summary>The events, in engine order.</summary>
    public ChannelReader<HubEvent> Reader => Channel.Reader;

    /// <summary>The channel; written only by the hub's pump.</summary>
    internal Channel<HubEvent> Channel { get; }

    /// <summary>Stops receiving.</summary>
    public void Dispose()
    {
        _hub.Unsubscribe(this);
        Channel.Writer.TryComplete();
    }
}
