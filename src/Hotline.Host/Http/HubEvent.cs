namespace Hotline.Host.Http;

/// <summary>An event as the hub hands it to a live subscriber, with the unit that held its ticket when it happened.</summary>
/// <param name="Event">The event.</param>
/// <param name="Holder">The unit holding the event's ticket at that moment; <see cref="EventHub.NoHolder"/> when no unit held it (just accepted), null when the hub does not know (a ticket from before this process started, or no ticket).</param>
internal readonly record struct HubEvent(ServedEvent Event, string? Holder);
