namespace Hotline.Host.Reports;

/// <summary>One unit in <see cref="SvgCharts.RateBars"/>: its label, the full text for the tooltip, and its two rates (null: none).</summary>
/// <param name="Label">The label drawn left of the bars, already cut to fit.</param>
/// <param name="FullLabel">The uncut name and id, for the row's <c>title</c>.</param>
/// <param name="OnTime">closedOnTime / closed, or null when nothing closed.</param>
/// <param name="Satisfaction">(satisfied + basic) / rated, or null when nothing was rated.</param>
/// <param name="Closed">Tickets closed: the on-time rate's divisor.</param>
/// <param name="Rated">Ratings counted: the satisfaction rate's divisor.</param>
internal readonly record struct RateRow(string Label, string FullLabel, decimal? OnTime, decimal? Satisfaction, int Closed, int Rated);
