using Hotline.Engine.Calendar;
using Hotline.Engine.Tickets;

namespace Hotline.Engine.Profiles;

/// <summary>The wire names of the enumerations a profile uses (spec §4), both ways.</summary>
internal static class ProfileWire
{
    /// <summary>The key of a kind map that covers the kinds it does not name.</summary>
    public const string DefaultKey = "default";

    /// <summary>The clock names of <c>clocks</c>, in the order of spec §4.</summary>
    public static readonly string[] ClockNames = ["sign", "return", "handle", "callbackAuto", "manualCallback", "appeal"];

    private static readonly (TicketKind Kind, string Name)[] Kinds =
    [
        (TicketKind.Consultation, "consultation"),
        (TicketKind.Help, "help"),
        (TicketKind.Complaint, "complaint"),
        (TicketKind.Report, "report"),
        (TicketKind.Suggestion, "suggestion"),
        (TicketKind.Praise, "praise"),
    ];

    /// <summary>Every kind's wire name, in enum order, for messages.</summary>
    public static string KindList => string.Join(", ", Kinds.Select(k => k.Name));

    public static string Name(TicketKind kind) => Kinds[(int)kind].Name;

    public static bool TryKind(string name, out TicketKind kind)
    {
        foreach (var (k, n) in Kinds)
        {
            if (string.Equals(n, name, StringComparison.Ordinal))
            {
                kind = k;
                return true;
            }
        }

        kind = default;
        return false;
    }

    public static string Name(ClockStart start) => start == ClockStart.Sign ? "sign" : "dispatch";

    public static ClockStart? ParseClockStart(string name) => name switch
    {
        "dispatch" => ClockStart.Dispatch,
        "sign" => ClockStart.Sign,
        _ => null,
    };

    public static string Name(PeriodEnd end) => end == PeriodEnd.CloseOfBusiness ? "closeOfBusiness" : "endOfDay";

    public static PeriodEnd? ParsePeriodEnd(string name) => name switch
    {
        "endOfDay" => PeriodEnd.EndOfDay,
        "closeOfBusiness" => PeriodEnd.CloseOfBusiness,
        _ => null,
    };

    public static string Name(CallbackRating rating) => rating switch
    {
        CallbackRating.Satisfied => "satisfied",
        CallbackRating.Unsatisfied => "unsatisfied",
        _ => "basic",
    };

    public static CallbackRating? ParseRating(string name) => name switch
    {
        "satisfied" => CallbackRating.Satisfied,
        "basic" => CallbackRating.Basic,
        "unsatisfied" => CallbackRating.Unsatisfied,
        _ => null,
    };
}
