namespace Hotline.Engine.Intake;

/// <summary>
/// The five grounds on which a unit may appeal an unsatisfied rating (Changsha 2020 art. 27).
/// </summary>
public static class Grounds
{
    /// <summary>
    /// <c>recording</c>: the rating contradicts the call recording; <c>led</c>: the operator led the
    /// caller; <c>lawful-limit</c>: the caller objected only to a lawful time limit;
    /// <c>new-demand</c>: the caller raised a new demand at the callback; <c>unfounded</c>: the
    /// complaint was untrue, blocked by policy, or malicious.
    /// </summary>
    public static readonly string[] All = ["recording", "led", "lawful-limit", "new-demand", "unfounded"];
}
