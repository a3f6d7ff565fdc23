namespace Hotline.Engine.Tickets;

/// <summary>The states of a ticket (spec §2 "States"). A pending extension does not change the state.</summary>
public enum TicketState
{
    /// <summary>Awaiting signature, or handling when the profile has no sign clock.</summary>
    Dispatched,

    /// <summary>Signed for by the holding unit: handling.</summary>
    Signed,

    /// <summary>The unit asked to return it; the hotline reviews (the handle clock pauses).</summary>
    ReturnRequested,

    /// <summary>The unit replied and asked to close; the hotline reviews (the handle clock stops).</summary>
    CloseRequested,

    /// <summary>Closed, through callback, rating and appeal.</summary>
    Closed,

    /// <summary>Answered at intake (直办): closed with no clocks.</summary>
    Answered,
}
