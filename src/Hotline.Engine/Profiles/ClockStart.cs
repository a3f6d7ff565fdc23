namespace Hotline.Engine.Profiles;

/// <summary>The event a clock counts from (spec §2.2, profile field <c>from</c>).</summary>
public enum ClockStart
{
    /// <summary><c>dispatch</c>: the <c>dispatched</c> event (also a re-dispatch after an approved return).</summary>
    Dispatch,

    /// <summary><c>sign</c>: the <c>signed</c> event, when the handling unit signs for the ticket.</summary>
    Sign,
}
