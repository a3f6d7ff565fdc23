namespace Hotline.Engine.Intake;

/// <summary>
/// The refusal codes of intake (spec §2.1, 不予受理) with the guidance the caller is given, and the
/// emergency redirects. Each code cites the articles that create it.
/// </summary>
public static class Refusals
{
    /// <summary>The <c>exclusion</c> codes a <c>receive</c> may carry.</summary>
    public static readonly string[] ExclusionCodes =
        ["legal-channel", "petition", "out-of-scope-body", "secret", "hidden-number", "incomplete", "abusive"];

    /// <summary>The <c>emergency</c> values a <c>receive</c> may carry.</summary>
    public static readonly string[] EmergencyCodes = ["police", "fire", "medical", "traffic"];

    /// <summary>The guidance given with a refusal for <paramref name="exclusion"/>.</summary>
    public static string Guidance(string exclusion) => exclusion switch
    {
        // Linyi 2016 art. 6(2)(3); Zhongshan 2024 art. 13(2); Changzhi 三(一); Xiangfen 2022 art. 9(2); Changsha 2020 art. 13(5).
        "legal-channel" => "The matter is in or due for litigation, arbitration, administrative review or another statutory procedure; pursue it through that legal channel.",
        "petition" => "The matter belongs to the petition (letters and visits) system; submit it to the petition office.",
        // Linyi 2016 art. 6(1); Changsha 2020 art. 13(7); Changzhi 三(一).
        "out-of-scope-body" => "Party, people's congress, CPPCC, military, court, procuratorate and discipline bodies are outside the hotline's scope; contact that body directly.",
        // Linyi 2016 art. 6(6); Xiangfen 2022 art. 9(3); Changsha 2020 art. 13(3).
        "secret" => "Requests involving state secrets, commercial secrets or privacy cannot be accepted by the hotline.",
        // Linyi 2016 art. 6(5).
        "hidden-number" => "Calls from hidden or abnormal numbers cannot be accepted; call again from a number that can be called back.",
        // Xiangfen 2022 art. 9(5).
        "incomplete" => "The request is incomplete or unclear; call again with the place, the facts and a way to reach you.",
        // Zhongshan 2024 arts. 13(4), 37; Changsha 2020 arts. 13(4), 41.
        "abusive" => "Unlawful or abusive requests, or requests without substantive content, are not accepted; abuse may be reported to the police.",
        _ => throw new ArgumentOutOfRangeException(nameof(exclusion), exclusion, "Unknown exclusion code."),
    };

    /// <summary>
    /// The number an emergency is redirected to (Linyi 2016 art. 7; Zhongshan 2024 art. 13(1);
    /// Xiangfen 2022 art. 9(1); Changsha 2020 art. 13(2)).
    /// </summary>
    public static string Redirect(string emergency) => emergency switch
    {
        "police" => "110",
        "fire" => "119",
        "medical" => "120",
        "traffic" => "122",
        _ => throw new ArgumentOutOfRangeException(nameof(emergency), emergency, "Unknown emergency."),
    };

    /// <summary>The guidance given with an emergency redirect.</summary>
    public static string EmergencyGuidance(string emergency) =>
        $"This is an emergency: call {Redirect(emergency)} now; the call is being transferred.";
}
