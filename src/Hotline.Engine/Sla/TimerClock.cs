namespace Hotline.Engine.Sla;

/// <summary>
/// The clocks a ticket arms on the timing wheel, numbered in the order spec §1 fires timers due at
/// one instant: sign, handle, warning, supervision (by level), callback. A wheel payload is
/// <c>ticketNumber * Count + clock</c>.
/// </summary>
internal static class TimerClock
{
    public const int Sign = 0;
    public const int Handle = 1;
    public const int Warning = 2;
    public const int Supervision1 = 3;
    public const int Supervision2 = 4;
    public const int Supervision3 = 5;
    public const int AutoRating = 6;
    public const int CallbackOverdue = 7;
    public const int Count = 8;

    public static int Supervision(int level) => Supervision1 + level - 1;

    public static long Payload(int ticketNumber, int clock) => ((long)ticketNumber * Count) + clock;

    public static (int Ticket, int Clock) Split(long payload) => ((int)(payload / Count), (int)(payload % Count));
}
