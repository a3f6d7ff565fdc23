namespace Hotline.Engine.Tickets;

/// <summary>The callback awaiting a rating, if any.</summary>
internal enum CallbackMode
{
    /// <summary>No callback awaits a rating.</summary>
    None,

    /// <summary>An automatic callback (SMS, IVR): no answer in time defaults the rating (Changsha 2020 art. 26).</summary>
    Auto,

    /// <summary>A manual callback by an operator.</summary>
    Manual,
}
