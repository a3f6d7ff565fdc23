namespace Hotline.Engine.Tickets;

/// <summary>
/// The kind of a citizen's request (Zhongshan 2024 art. 2; Changsha 2020 art. 12; Changzhi 三(一)).
/// The wire names are the lower-case member names (spec §2 <c>kind</c>).
/// </summary>
public enum TicketKind
{
    /// <summary>咨询: a question.</summary>
    Consultation,

    /// <summary>求助: a request for help.</summary>
    Help,

    /// <summary>投诉: a complaint.</summary>
    Complaint,

    /// <summary>举报: a report or tip-off.</summary>
    Report,

    /// <summary>建议: a suggestion.</summary>
    Suggestion,

    /// <summary>表扬: praise.</summary>
    Praise,
}
