using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace Hotline.Host.Http;

/// <summary>
/// <c>GET /events</c>: the live event stream as server-sent events (<c>text/event-stream</c>), each
/// event as <c>data: JSON</c> and a blank line, from the moment of connecting. The operator receives
/// every event; a unit key only the events of tickets its unit held when they happened. A client
/// that falls too far behind is disconnected (it may reconnect; use <c>GET /tickets/{id}</c> to
/// catch up). The stream ends when the host stops.
/// </summary>
internal static class EventStreamEndpoint
{
    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();

    /// <summary>Streams until the client leaves or the host stops.</summary>
    public static async Task HandleAsync(HttpContext http, IServedEngine served, IHostApplicationLifetime lifetime)
    {
        var caller = ApiKeyFilter.CallerOf(http);
        var response = http.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";

        using var subscription = served.Hub.Subscribe();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);

        // A comment first, so the client knows it is subscribed before any event arrives.
        await response.Body.WriteAsync(": subscribed\n\n"u8.ToArray(), stop.Token).ConfigureAwait(false);
        await response.Body.FlushAsync(stop.Token).ConfigureAwait(false);
        try
        {
            var reader = subscription.Reader;
            while (await reader.WaitToReadAsync(stop.Token).ConfigureAwait(false))
            {
                while (reader.TryRead(out var item))
                {
                    if (await VisibleAsync(item, caller, served).ConfigureAwait(false))
                    {
                        await response.Body.WriteAsync(DataPrefix, stop.Token).ConfigureAwait(false);
                        await response.Body.WriteAsync(item.Event.Json, stop.Token).ConfigureAwait(false);
                        await response.Body.WriteAsync(EventEnd, stop.Token).ConfigureAwait(false);
                    }
                }

                await response.Body.FlushAsync(stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // the client left, or the host is stopping
        }
        catch (OverflowException)
        {
            await response.Body.WriteAsync(Encoding.UTF8.GetBytes(": disconnected: fell too far behind; reconnect\n\n"), CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static async ValueTask<bool> VisibleAsync(HubEvent item, Caller caller, IServedEngine served)
    {
        if (caller.IsOperator)
        {
            return true;
        }

        if (item.Event.Ticket is not { } ticket)
        {
            return false; // reports, hot spots, catalog loads: the operator's
        }

        string? holder = item.Holder;
        if (holder is null)
        {
            // A ticket from before this process started, not yet seen: ask the engine who holds it now.
            holder = (await served.GetStatusAsync(ticket).ConfigureAwait(false))?.Unit;
        }

        return caller.MaySee(holder);
    }
}
