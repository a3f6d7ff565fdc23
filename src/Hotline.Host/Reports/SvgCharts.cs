using System.Globalization;
using System.Text;
using NodaTime;
using static Hotline.Host.Reports.HtmlText;

namespace Hotline.Host.Reports;

/// <summary>
/// The bulletin's charts as inline SVG: no script, no external font or image, a <c>title</c> and
/// <c>desc</c> for screen readers, and a <c>title</c> on every bar for the exact figure. Each chart
/// scales to its container through its <c>viewBox</c>.
/// </summary>
internal static class SvgCharts
{
    private const double Width = 1000;
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Columns of tickets received per day; weekend days in a lighter shade.</summary>
    public static string DailyColumns(string id, string title, string description, IReadOnlyList<(LocalDate Day, int Count)> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        const double height = 300, left = 52, right = 12, top = 28, bottom = 44;
        double plotWidth = Width - left - right, plotHeight = height - top - bottom;
        int max = NiceCeiling(days.Count == 0 ? 0 : days.Max(d => d.Count));
        double band = days.Count == 0 ? plotWidth : plotWidth / days.Count;
        int labelEvery = days.Count <= 31 ? 1 : (int)Math.Ceiling(days.Count / 31.0);

        var svg = Open(id, title, description, height);
        Gridlines(svg, left, Width - right, top, plotHeight, max, v => Count(v));
        for (int i = 0; i < days.Count; i++)
        {
            var (day, count) = days[i];
            bool weekend = day.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday;
            double barHeight = plotHeight * count / max;
            double x = left + (i * band) + (band * 0.15), y = top + plotHeight - barHeight;
            string date = day.ToString("yyyy'-'MM'-'dd ddd", Inv);
            svg.Append(Inv, $"<g class=\"bar{(weekend ? " weekend" : string.Empty)}\"><title>{Encode(date)}: {Count(count)} received</title>");
            svg.Append(Inv, $"<rect x=\"{Coordinate(x)}\" y=\"{Coordinate(y)}\" width=\"{Coordinate(band * 0.7)}\" height=\"{Coordinate(barHeight)}\" rx=\"1.5\"/>");
            if (count > 0 && days.Count <= 31)
            {
                svg.Append(Inv, $"<text class=\"value\" x=\"{Coordinate(x + (band * 0.35))}\" y=\"{Coordinate(y - 4)}\" text-anchor=\"middle\">{count}</text>");
            }

            svg.Append("</g>");
            if (i % labelEvery == 0)
            {
                svg.Append(Inv, $"<text class=\"axis{(weekend ? " weekend" : string.Empty)}\" x=\"{Coordinate(x + (band * 0.35))}\" y=\"{Coordinate(top + plotHeight + 16)}\" text-anchor=\"middle\">{day.Day}</text>");
            }
        }

        svg.Append(Inv, $"<text class=\"axis\" x=\"{Coordinate(left)}\" y=\"{Coordinate(height - 6)}\">Day of month</text>");
        svg.Append(Inv, $"<g class=\"legend\"><rect class=\"swatch\" x=\"{Coordinate(Width - 260)}\" y=\"{Coordinate(height - 16)}\" width=\"12\" height=\"12\"/>");
        svg.Append(Inv, $"<text x=\"{Coordinate(Width - 243)}\" y=\"{Coordinate(height - 6)}\">working week</text>");
        svg.Append(Inv, $"<rect class=\"swatch weekend\" x=\"{Coordinate(Width - 140)}\" y=\"{Coordinate(height - 16)}\" width=\"12\" height=\"12\"/>");
        svg.Append(Inv, $"<text x=\"{Coordinate(Width - 123)}\" y=\"{Coordinate(height - 6)}\">Sat / Sun</text></g>");
        return Close(svg);
    }

    /// <summary>Two horizontal bars per unit on a 0–100 % scale: on-time rate and satisfaction rate.</summary>
    public static string RateBars(string id, string title, string description, IReadOnlyList<RateRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        const double left = 340, right = 80, top = 34, rowHeight = 36, bar = 13;
        double plotWidth = Width - left - right;
        double height = top + (rows.Count * rowHeight) + 26;
        var svg = Open(id, title, description, height);

        svg.Append(Inv, $"<g class=\"legend\"><rect class=\"swatch ontime\" x=\"{Coordinate(left)}\" y=\"6\" width=\"12\" height=\"12\"/><text x=\"{Coordinate(left + 17)}\" y=\"16\">On-time rate 按时办结率</text>");
        svg.Append(Inv, $"<rect class=\"swatch satisfaction\" x=\"{Coordinate(left + 230)}\" y=\"6\" width=\"12\" height=\"12\"/><text x=\"{Coordinate(left + 247)}\" y=\"16\">Satisfaction rate 满意率</text></g>");
        double plotBottom = top + (rows.Count * rowHeight);
        for (int p = 0; p <= 100; p += 25)
        {
            double x = left + (plotWidth * p / 100);
            svg.Append(Inv, $"<line class=\"grid\" x1=\"{Coordinate(x)}\" y1=\"{Coordinate(top - 4)}\" x2=\"{Coordinate(x)}\" y2=\"{Coordinate(plotBottom)}\"/>");
            svg.Append(Inv, $"<text class=\"axis\" x=\"{Coordinate(x)}\" y=\"{Coordinate(plotBottom + 16)}\" text-anchor=\"middle\">{p}%</text>");
        }

        for (int i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            double y = top + (i * rowHeight);
            svg.Append(Inv, $"<g class=\"row\"><title>{Encode(row.FullLabel)}: on-time {Percent(row.OnTime)} of {Count(row.Closed)} closed; satisfaction {Percent(row.Satisfaction)} of {Count(row.Rated)} rated</title>");
            svg.Append(Inv, $"<text class=\"label\" x=\"{Coordinate(left - 8)}\" y=\"{Coordinate(y + bar + 4)}\" text-anchor=\"end\">{Encode(row.Label)}</text>");
            RateBar(svg, "ontime", left, y, plotWidth, bar, row.OnTime, "none closed");
            RateBar(svg, "satisfaction", left, y + bar + 2, plotWidth, bar, row.Satisfaction, "none rated");
            svg.Append("</g>");
        }

        return Close(svg);
    }

    private static void RateBar(StringBuilder svg, string kind, double left, double y, double plotWidth, double bar, decimal? rate, string none)
    {
        if (rate is { } r)
        {
            double w = plotWidth * (double)r;
            svg.Append(Inv, $"<rect class=\"{kind}\" x=\"{Coordinate(left)}\" y=\"{Coordinate(y)}\" width=\"{Coordinate(w)}\" height=\"{Coordinate(bar)}\"/>");
            svg.Append(Inv, $"<text class=\"value\" x=\"{Coordinate(left + w + 5)}\" y=\"{Coordinate(y + bar - 2)}\">{Percent(r)}</text>");
        }
        else
        {
            svg.Append(Inv, $"<text class=\"value none\" x=\"{Coordinate(left + 5)}\" y=\"{Coordinate(y + bar - 2)}\">{none}</text>");
        }
    }

    private static StringBuilder Open(string id, string title, string description, double height)
    {
        var svg = new StringBuilder(4096);
        svg.Append(Inv, $"<svg class=\"chart\" id=\"{Encode(id)}\" viewBox=\"0 0 {Coordinate(Width)} {Coordinate(height)}\" role=\"img\" aria-labelledby=\"{Encode(id)}-title {Encode(id)}-desc\">");
        svg.Append(Inv, $"<title id=\"{Encode(id)}-title\">{Encode(title)}</title><desc id=\"{Encode(id)}-desc\">{Encode(description)}</desc>");
        return svg;
    }

    private static string Close(StringBuilder svg) => svg.Append("</svg>").ToString();

    private static void Gridlines(StringBuilder svg, double left, double right, double top, double plotHeight, int max, Func<int, string> label)
    {
        const int steps = 4;
        for (int s = 0; s <= steps; s++)
        {
            int value = max * s / steps;
            double y = top + plotHeight - (plotHeight * s / steps);
            svg.Append(Inv, $"<line class=\"grid{(s == 0 ? " base" : string.Empty)}\" x1=\"{Coordinate(left)}\" y1=\"{Coordinate(y)}\" x2=\"{Coordinate(right)}\" y2=\"{Coordinate(y)}\"/>");
            svg.Append(Inv, $"<text class=\"axis\" x=\"{Coordinate(left - 6)}\" y=\"{Coordinate(y + 4)}\" text-anchor=\"end\">{label(value)}</text>");
        }
    }

    /// <summary>The smallest of 4, 8, 12, 16, 20, 24, 32, 40, 60, 80 (times a power of ten) at or above <paramref name="value"/>, so four gridlines fall on round numbers.</summary>
    internal static int NiceCeiling(int value)
    {
        if (value <= 4)
        {
            return 4;
        }

        for (long scale = 1; ; scale *= 10)
        {
            foreach (long step in (ReadOnlySpan<long>)[4, 8, 12, 16, 20, 24, 32, 40, 60, 80])
            {
                long candidate = step * scale;
                if (candidate >= value)
                {
                    return (int)Math.Min(candidate, int.MaxValue);
                }
            }
        }
    }
}
