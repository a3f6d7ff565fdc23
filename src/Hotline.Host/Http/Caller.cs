namespace Hotline.Host.Http;

/// <summary>
/// Who is calling, as the API key says: the hotline operator (sees and does everything) or one
/// handling unit (only the tickets it holds, only the ops a unit performs).
/// </summary>
/// <param name="Id">The identity stamped as <c>by</c> on the caller's commands: the operator's name, or the unit's id.</param>
/// <param name="Unit">The unit the key belongs to; null for an operator key.</param>
internal sealed record Caller(string Id, string? Unit)
{
    /// <summary>True for an operator key.</summary>
    public bool IsOperator => Unit is null;

    /// <summary>True when this caller may see a ticket held by <paramref name="holder"/>.</summary>
    public bool MaySee(string? holder) => IsOperator || string.Equals(holder, Unit, StringComparison.Ordinal);
}
