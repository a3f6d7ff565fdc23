namespace Hotline.Engine.Protocol;

/// <summary>The operations of spec §2; the wire names are kebab-case (<c>return-decision</c>).</summary>
public enum CommandOp
{
    /// <summary>Not a command: a line that could not be read, or a command with an unknown or missing <c>op</c>.</summary>
    None,

    /// <summary><c>receive</c>: a citizen's request comes in (intake).</summary>
    Receive,

    /// <summary><c>dispatch</c>: the operator re-dispatches by hand.</summary>
    Dispatch,

    /// <summary><c>sign</c>: the holding unit signs for the ticket.</summary>
    Sign,

    /// <summary><c>return</c>: the holding unit asks to return the ticket.</summary>
    Return,

    /// <summary><c>return-decision</c>: the operator approves or refuses a return.</summary>
    ReturnDecision,

    /// <summary><c>extend</c>: the holding unit asks for more working days.</summary>
    Extend,

    /// <summary><c>extend-decision</c>: the operator approves or refuses an extension.</summary>
    ExtendDecision,

    /// <summary><c>progress</c>: an interim reply of a promise ticket.</summary>
    Progress,

    /// <summary><c>close</c>: the holding unit replies and asks to close.</summary>
    Close,

    /// <summary><c>close-decision</c>: the operator approves or refuses the close.</summary>
    CloseDecision,

    /// <summary><c>callback</c>: the hotline calls the citizen back.</summary>
    Callback,

    /// <summary><c>rate</c>: the citizen's satisfaction rating.</summary>
    Rate,

    /// <summary><c>appeal</c>: the unit appeals an unsatisfied rating.</summary>
    Appeal,

    /// <summary><c>appeal-decision</c>: the operator decides an appeal.</summary>
    AppealDecision,

    /// <summary><c>redo</c>: the ticket goes back to its unit to be handled again.</summary>
    Redo,

    /// <summary><c>supervise</c>: manual supervision (督办).</summary>
    Supervise,

    /// <summary><c>query</c>: the ticket's status.</summary>
    Query,

    /// <summary><c>catalog</c>: load a new dispatch catalog version.</summary>
    Catalog,

    /// <summary><c>advance</c>: move the clock only.</summary>
    Advance,

    /// <summary><c>report</c>: the statistics of a window.</summary>
    Report,
}
