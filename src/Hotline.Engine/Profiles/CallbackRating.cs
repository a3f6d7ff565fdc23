namespace Hotline.Engine.Profiles;

/// <summary>
/// A caller's rating of a closed ticket (Changsha 2020 art. 26: 满意, 基本满意, 不满意). Wire names:
/// <c>satisfied</c>, <c>basic</c>, <c>unsatisfied</c>. In a profile it is the rating an unanswered automatic
/// callback turns into (<see cref="CallbackAutoRule.DefaultRating"/>).
/// </summary>
public enum CallbackRating
{
    /// <summary><c>satisfied</c> (满意).</summary>
    Satisfied,

    /// <summary><c>basic</c>: basically satisfied (基本满意).</summary>
    Basic,

    /// <summary><c>unsatisfied</c> (不满意).</summary>
    Unsatisfied,
}
