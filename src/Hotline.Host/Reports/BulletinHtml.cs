using System.Globalization;
using System.Text;
using Hotline.Engine.Calendar;
using Hotline.Engine.Statistics;
using NodaTime;
using static Hotline.Host.Reports.HtmlText;

namespace Hotline.Host.Reports;

/// <summary>
/// The monthly bulletin (月度通报) as one self-contained HTML5 page: inline CSS and SVG, no script,
/// no external font, image or link, UTF-8, printable. It shows what Xiangfen 2022 art. 18 asks a
/// monthly bulletin for — volume, on-time completion rate and satisfaction rate per unit, hot spots
/// — with the counters of Changsha 2020 arts. 36–37 per unit and the hot spots of Zhongshan 2024
/// arts. 26–29.
/// </summary>
/// <remarks>Every figure is the engine's (spec §6 report, daily counters, hot-spot events); nothing is recounted here but sums.</remarks>
internal static class BulletinHtml
{
    /// <summary>Units shown in the rate chart; the rest are in the table.</summary>
    public const int ChartUnits = 20;

    /// <summary>Rows in the category, region and hot-spot tables.</summary>
    public const int TopRows = 10;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The page title: <c>12345 Hotline monthly bulletin — 2026-03</c> (and the unit, when one).</summary>
    public static string Title(BulletinData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return data.Unit is null
            ? $"12345 Hotline monthly bulletin — {data.Period.Label}"
            : $"12345 Hotline monthly bulletin — {data.Period.Label} — {data.Unit}";
    }

    /// <summary>Renders the bulletin.</summary>
    public static string Render(BulletinData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var totals = data.Totals();
        var days = data.ReceivedByDay();
        int received = days.Sum(d => d.Received);
        var hotspots = data.HotspotsInPeriod();
        string title = Title(data);

        var html = new StringBuilder(64 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta name=\"generator\" content=\"hotline report\">\n")
            .Append(Inv, $"<title>{Encode(title)}</title>\n<style>\n{Css}</style>\n</head>\n<body>\n");

        Masthead(html, data, title);
        html.Append("<main>\n");
        Summary(html, data, totals, received, hotspots.Count);
        Volume(html, data, days, received);
        Rates(html, data);
        Hotspots(html, data, hotspots);
        Categories(html, data, received);
        UnitTable(html, data, totals);
        Notes(html, data);
        html.Append("</main>\n");
        html.Append(Inv, $"<footer><p>Made by <code>hotline report</code> from the engine's own counts. ")
            .Append(Inv, $"Data as of {Encode(data.Clock is { } c ? InstantText.Format(c, data.Zone) : "—")} ({Encode(data.Zone.Id)}).</p></footer>\n");
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void Masthead(StringBuilder html, BulletinData data, string title)
    {
        var period = data.Period;
        html.Append("<header class=\"masthead\">\n")
            .Append("<p class=\"org\" lang=\"zh-Hans\">12345政务服务便民热线</p>\n")
            .Append(Inv, $"<h1>{Encode(title)}</h1>\n")
            .Append(Inv, $"<p class=\"sub\"><span lang=\"zh-Hans\">月度运行情况通报</span> · {Encode(period.Label)}</p>\n")
            .Append(Inv, $"<p class=\"meta\">Period [{Encode(InstantText.Format(period.From, data.Zone))}, {Encode(InstantText.Format(period.To, data.Zone))}) · zone {Encode(data.Zone.Id)}");
        if (data.Unit is { } unit)
        {
            html.Append(Inv, $" · unit <strong>{Encode(unit)}</strong>{NameSuffix(data.Names.Unit(unit))}");
        }

        html.Append("</p>\n</header>\n");
    }

    private static void Summary(StringBuilder html, BulletinData data, UnitCounters totals, int received, int hotspots)
    {
        html.Append("<section id=\"summary\">\n<h2>1. Summary <span lang=\"zh-Hans\">总体情况</span></h2>\n<dl class=\"tiles\">\n");
        Tile(html, "Received", "受理", Count(received), "tickets accepted");
        Tile(html, "Dispatched", "派单", Count(totals.Dispatched), "dispatch events");
        Tile(html, "Closed", "办结", Count(totals.Closed), $"{Count(totals.ClosedOnTime)} on time");
        Tile(html, "On-time rate", "按时办结率", Percent(totals.OnTimeRate), "closed on time / closed", totals.OnTimeRate is null ? null : "key");
        Tile(html, "Satisfaction rate", "满意率", Percent(totals.SatisfactionRate), $"of {Count(totals.Satisfied + totals.Basic + totals.Unsatisfied)} ratings", totals.SatisfactionRate is null ? null : "key");
        Tile(html, "Overdue", "超期", Count(totals.Overdue), "tickets past the handle due", totals.Overdue > 0 ? "alert" : null);
        Tile(html, "Returned", "退回", Count(totals.Returned), "approved returns");
        Tile(html, "Extended", "延期", Count(totals.Extended), "approved extensions");
        Tile(html, "Redo", "重办", Count(totals.Redo), "sent back after callback");
        Tile(html, "Hot spots", "热点", Count(hotspots), "raised in the period", hotspots > 0 ? "alert" : null);
        html.Append("</dl>\n");

        int rated = totals.Satisfied + totals.Basic + totals.Unsatisfied;
        string who = data.Unit is null ? "the hotline" : Encode(data.Unit);
        html.Append(Inv, $"<p class=\"lead\">In {Encode(data.Period.Label)} {who} received {Count(received)} tickets. ")
            .Append(Inv, $"Units closed {Count(totals.Closed)}, {Count(totals.ClosedOnTime)} of them on time (on-time rate {Percent(totals.OnTimeRate)}); ")
            .Append(Inv, $"{Count(totals.Overdue)} tickets went past their handling due. ")
            .Append(Inv, $"Of {Count(rated)} callback ratings, {Count(totals.Satisfied)} were satisfied, {Count(totals.Basic)} basically satisfied and {Count(totals.Unsatisfied)} unsatisfied (satisfaction rate {Percent(totals.SatisfactionRate)}). ")
            .Append(Inv, $"{Count(hotspots)} hot {(hotspots == 1 ? "spot was" : "spots were")} raised.</p>\n</section>\n");
    }

    private static void Tile(StringBuilder html, string label, string chinese, string value, string note, string? kind = null)
    {
        html.Append(Inv, $"<div class=\"tile{(kind is null ? string.Empty : " " + kind)}\"><dt>{Encode(label)} <span lang=\"zh-Hans\">{Encode(chinese)}</span></dt>")
            .Append(Inv, $"<dd class=\"value\">{Encode(value)}</dd><dd class=\"note\">{Encode(note)}</dd></div>\n");
    }

    private static void Volume(StringBuilder html, BulletinData data, IReadOnlyList<(LocalDate Day, int Received)> days, int received)
    {
        html.Append("<section id=\"volume\">\n<h2>2. Volume by day <span lang=\"zh-Hans\">每日受理量</span></h2>\n");
        var busiest = days.Count == 0 ? default : days.MaxBy(d => d.Received);
        string description = days.Count == 0
            ? "No days in the period."
            : $"Tickets received per day, {days[0].Day.ToString("yyyy'-'MM'-'dd", Inv)} to {days[^1].Day.ToString("yyyy'-'MM'-'dd", Inv)}: {Count(received)} in all; busiest day {busiest.Day.ToString("yyyy'-'MM'-'dd", Inv)} with {Count(busiest.Received)}.";
        html.Append("<figure>\n")
            .Append(SvgCharts.DailyColumns("chart-volume", "Tickets received per day", description, [.. days.Select(d => (d.Day, d.Received))]))
            .Append(Inv, $"\n<figcaption>{Encode(description)}{(data.Unit is null ? string.Empty : " Tickets received for this unit.")}</figcaption>\n</figure>\n</section>\n");
    }

    private static void Rates(StringBuilder html, BulletinData data)
    {
        html.Append("<section id=\"rates\">\n<h2>3. On-time and satisfaction rates by unit <span lang=\"zh-Hans\">各单位按时办结率与满意率</span></h2>\n");
        var units = data.UnitsByVolume();
        if (units.Count == 0)
        {
            html.Append("<p class=\"empty\">No unit had any counted event in this period.</p>\n</section>\n");
            return;
        }

        var shown = units.Take(ChartUnits).Select(u =>
        {
            string? name = data.Names.Unit(u.Key);
            string full = name is null ? u.Key : $"{name} ({u.Key})";
            var c = u.Value;
            return new RateRow(Fit(name ?? u.Key, 48), full, c.OnTimeRate, c.SatisfactionRate, c.Closed, c.Satisfied + c.Basic + c.Unsatisfied);
        }).ToList();
        string description = $"For the {shown.Count} units with the most dispatches, two bars each: on-time rate (closed on time / closed) and satisfaction rate ((satisfied + basic) / rated), 0 to 100 percent.";
        html.Append("<figure>\n")
            .Append(SvgCharts.RateBars("chart-rates", "On-time and satisfaction rates by unit", description, shown))
            .Append(Inv, $"\n<figcaption>Units by dispatches, most first. {Encode(description)}");
        if (units.Count > ChartUnits)
        {
            html.Append(Inv, $" <strong>And {Count(units.Count - ChartUnits)} more {(units.Count - ChartUnits == 1 ? "unit" : "units")}</strong>: see the table in section 6.");
        }

        html.Append("</figcaption>\n</figure>\n</section>\n");
    }

    private static void Hotspots(StringBuilder html, BulletinData data, IReadOnlyList<Hotline.Engine.Protocol.EngineEvent> hotspots)
    {
        html.Append("<section id=\"hotspots\">\n<h2>4. Hot spots <span lang=\"zh-Hans\">热点诉求</span></h2>\n");
        if (hotspots.Count == 0)
        {
            html.Append("<p class=\"empty\">No hot spot was raised in this period (or the profile has no hot-spot rule).</p>\n</section>\n");
            return;
        }

        html.Append("<table class=\"data\">\n<caption>Category × region counts that reached the profile's hot-spot threshold (Zhongshan 2024 arts. 26–29), largest first")
            .Append(hotspots.Count > TopRows ? $"; top {TopRows} of {Count(hotspots.Count)}" : string.Empty)
            .Append(".</caption>\n<thead><tr><th scope=\"col\">#</th><th scope=\"col\">Category</th><th scope=\"col\">Region</th><th scope=\"col\" class=\"num\">Count</th><th scope=\"col\" class=\"num\">Baseline</th><th scope=\"col\">Raised</th></tr></thead>\n<tbody>\n");
        int rank = 0;
        foreach (var e in hotspots.Take(TopRows))
        {
            rank++;
            string at = e.At is { } a ? InstantText.Format(a, data.Zone) : "—";
            html.Append(Inv, $"<tr><td class=\"num\">{rank}</td><td>{Labelled(e.Category, data.Names.Category(e.Category ?? string.Empty))}</td>")
                .Append(Inv, $"<td>{Labelled(e.Region, data.Names.Region(e.Region ?? string.Empty))}</td>")
                .Append(Inv, $"<td class=\"num\">{Count(e.Count ?? 0)}</td><td class=\"num\">{Encode(e.Baseline?.ToString("0.00", Inv) ?? "—")}</td>")
                .Append(Inv, $"<td><time datetime=\"{Encode(at)}\">{Encode(at[..Math.Min(16, at.Length)].Replace('T', ' '))}</time></td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void Categories(StringBuilder html, BulletinData data, int received)
    {
        html.Append("<section id=\"categories\">\n<h2>5. Top categories and regions <span lang=\"zh-Hans\">诉求分类与区域</span></h2>\n<div class=\"pair\">\n");
        RankTable(html, "Category", "Top categories by tickets received", data.ReceivedBy(StatisticsDimension.Category), data.Names.Category, received);
        RankTable(html, "Region", "Top regions by tickets received", data.ReceivedBy(StatisticsDimension.Region), data.Names.Region, received);
        html.Append("</div>\n");
        if (data.Unit is not null)
        {
            html.Append("<p class=\"note\">Categories and regions are hotline-wide, not only this unit's.</p>\n");
        }

        html.Append("</section>\n");
    }

    private static void RankTable(StringBuilder html, string what, string caption, IReadOnlyList<(string Key, int Received)> rows, Func<string, string?> name, int received)
    {
        int all = rows.Sum(r => r.Received);
        int whole = Math.Max(all, received);
        html.Append(Inv, $"<table class=\"data rank\">\n<caption>{Encode(caption)}{(rows.Count > TopRows ? $" (top {TopRows} of {Count(rows.Count)})" : string.Empty)}</caption>\n")
            .Append(Inv, $"<thead><tr><th scope=\"col\">#</th><th scope=\"col\">{Encode(what)}</th><th scope=\"col\" class=\"num\">Received</th><th scope=\"col\" class=\"num\">Share</th></tr></thead>\n<tbody>\n");
        if (rows.Count == 0)
        {
            html.Append("<tr><td colspan=\"4\" class=\"empty\">No tickets received.</td></tr>\n");
        }

        int rank = 0;
        int top = rows.Count == 0 ? 1 : rows[0].Received;
        foreach (var (key, count) in rows.Take(TopRows))
        {
            rank++;
            string width = Coordinate(60.0 * count / top);
            html.Append(Inv, $"<tr><td class=\"num\">{rank}</td><td>{Labelled(key, name(key))}</td>")
                .Append(Inv, $"<td class=\"num\"><span class=\"inline-bar\" style=\"width:{width}px\"></span>{Count(count)}</td><td class=\"num\">{Share(count, whole)}</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static void UnitTable(StringBuilder html, BulletinData data, UnitCounters totals)
    {
        html.Append("<section id=\"units\">\n<h2>6. Counts per unit <span lang=\"zh-Hans\">各单位办理情况</span></h2>\n")
            .Append("<div class=\"scroll\"><table class=\"data units\">\n<caption>Every counter of spec §6 per unit, credited to the unit holding the ticket when the event happened; units by dispatches, most first.</caption>\n<thead><tr>")
            .Append("<th scope=\"col\">Unit</th>");
        foreach (var (label, chinese) in Columns)
        {
            html.Append(Inv, $"<th scope=\"col\" class=\"num\">{Encode(label)}<br><span lang=\"zh-Hans\">{Encode(chinese)}</span></th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var (unit, c) in data.UnitsByVolume())
        {
            html.Append(Inv, $"<tr><th scope=\"row\"><code>{Encode(unit)}</code>{NameLine(data.Names.Unit(unit))}</th>");
            Cells(html, c);
            html.Append("</tr>\n");
        }

        if (data.Report.Units.Count == 0)
        {
            html.Append(Inv, $"<tr><td colspan=\"{Columns.Length + 1}\" class=\"empty\">No unit had any counted event in this period.</td></tr>\n");
        }

        html.Append("</tbody>\n<tfoot><tr><th scope=\"row\">All units</th>");
        Cells(html, totals);
        html.Append("</tr></tfoot>\n</table></div>\n</section>\n");
    }

    private static readonly (string Label, string Chinese)[] Columns =
    [
        ("Dispatched", "派单"), ("Signed on time", "按时签收"), ("Signed late", "超时签收"), ("Returned", "退回"),
        ("Extended", "延期"), ("Closed", "办结"), ("Closed on time", "按时办结"), ("Overdue", "超期"),
        ("Satisfied", "满意"), ("Basic", "基本满意"), ("Unsatisfied", "不满意"), ("Redo", "重办"),
        ("On-time rate", "按时办结率"), ("Satisfaction rate", "满意率"),
    ];

    private static void Cells(StringBuilder html, UnitCounters c)
    {
        foreach (int n in (ReadOnlySpan<int>)[c.Dispatched, c.SignedOnTime, c.SignedLate, c.Returned, c.Extended, c.Closed, c.ClosedOnTime, c.Overdue, c.Satisfied, c.Basic, c.Unsatisfied, c.Redo])
        {
            html.Append(Inv, $"<td class=\"num{(n == 0 ? " zero" : string.Empty)}\">{Count(n)}</td>");
        }

        html.Append(Inv, $"<td class=\"num rate\">{Percent(c.OnTimeRate)}</td><td class=\"num rate\">{Percent(c.SatisfactionRate)}</td>");
    }

    private static void Notes(StringBuilder html, BulletinData data)
    {
        html.Append("<section id=\"notes\">\n<h2>Notes <span lang=\"zh-Hans\">说明</span></h2>\n<ul>\n")
            .Append("<li><strong>Received</strong>: tickets accepted on each day (answered at intake included; refused, forwarded and duplicate calls are not tickets).</li>\n")
            .Append("<li><strong>Dispatched</strong> counts dispatch events, so a ticket re-dispatched after an approved return counts for each unit it went to.</li>\n")
            .Append("<li><strong>On-time rate</strong> = closed on time / closed; <strong>satisfaction rate</strong> = (satisfied + basically satisfied) / all ratings — rounded half to even to 4 decimals, as in spec §6 (Xiangfen 2022 art. 18; Changsha 2020 arts. 36–37).</li>\n")
            .Append("<li>Ratings count as they stand now: a redo clears a rating until the ticket is rated again, and <strong>a rating whose appeal was approved is left out</strong> of satisfied, basic, unsatisfied and the satisfaction rate (spec §7.4); the other counts do not change.</li>\n")
            .Append("<li><strong>Overdue</strong>: tickets whose handling clock expired in the period, each counted once per unit.</li>\n")
            .Append("<li><strong>Hot spots</strong>: a category × region whose count over the profile's window reached its minimum and a multiple of the four windows before it (Zhongshan 2024 arts. 26–29).</li>\n");
        if (data.Names == CatalogNames.None)
        {
            html.Append("<li>Units, categories and regions are shown by their ids; pass <code>--catalog FILE</code> for their names.</li>\n");
        }

        html.Append("</ul>\n</section>\n");
    }

    private static string Labelled(string? key, string? name) =>
        name is null ? $"<code>{Encode(key)}</code>" : $"<code>{Encode(key)}</code>{NameLine(name)}";

    private static string NameLine(string? name) => name is null ? string.Empty : $"<br><span class=\"name\">{Encode(name)}</span>";

    private static string NameSuffix(string? name) => name is null ? string.Empty : $" ({Encode(name)})";

    private const string Css = """
        :root { --ink: #1b1b1b; --muted: #5f6368; --rule: #b0001e; --blue: #1f4e79; --blue-light: #9db7d3; --green: #2e7d4f; --line: #d9dde3; --paper: #fff; --tint: #f5f7fa; }
        * { box-sizing: border-box; }
        html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        body { margin: 0 auto; max-width: 1120px; padding: 24px 32px 40px; color: var(--ink); background: var(--paper);
               font: 14px/1.55 "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
        .masthead { text-align: center; border-bottom: 3px double var(--rule); padding-bottom: 12px; margin-bottom: 20px; }
        .masthead .org { color: var(--rule); font-size: 30px; font-weight: 700; letter-spacing: 0.12em; margin: 0; }
        .masthead h1 { font-size: 22px; margin: 6px 0 2px; }
        .masthead .sub { margin: 0; font-size: 16px; }
        .masthead .meta { margin: 4px 0 0; color: var(--muted); font-size: 12px; }
        h2 { font-size: 17px; border-left: 5px solid var(--rule); padding-left: 10px; margin: 28px 0 12px; }
        h2 span, th span[lang], dt span { color: var(--muted); font-weight: 400; }
        .tiles { display: grid; grid-template-columns: repeat(5, 1fr); gap: 10px; margin: 0; }
        .tile { border: 1px solid var(--line); border-top: 3px solid var(--blue); background: var(--tint); padding: 8px 12px; }
        .tile.key { border-top-color: var(--green); }
        .tile.alert { border-top-color: var(--rule); }
        .tile dt { font-size: 12px; color: var(--ink); }
        .tile dd { margin: 0; }
        .tile .value { font-size: 24px; font-weight: 700; font-variant-numeric: tabular-nums; }
        .tile .note { font-size: 11px; color: var(--muted); }
        .lead { margin: 14px 0 0; text-indent: 2em; }
        figure { margin: 0; }
        figcaption { color: var(--muted); font-size: 12px; margin-top: 4px; }
        svg.chart { width: 100%; height: auto; display: block; font-size: 12px; }
        svg.chart text { fill: var(--ink); font-family: inherit; }
        svg.chart .axis { fill: var(--muted); font-size: 11px; }
        svg.chart .axis.weekend { fill: #8a8f96; }
        svg.chart .grid { stroke: var(--line); stroke-width: 1; }
        svg.chart .grid.base { stroke: #888; }
        svg.chart .bar rect, svg.chart .swatch { fill: var(--blue); }
        svg.chart .bar.weekend rect, svg.chart .swatch.weekend { fill: var(--blue-light); }
        svg.chart .value { font-size: 10.5px; fill: #333; font-variant-numeric: tabular-nums; }
        svg.chart .value.none { fill: var(--muted); font-style: italic; }
        svg.chart rect.ontime, svg.chart .swatch.ontime { fill: var(--blue); }
        svg.chart rect.satisfaction, svg.chart .swatch.satisfaction { fill: var(--green); }
        svg.chart .label { font-size: 12px; }
        svg.chart .legend text { font-size: 12px; fill: var(--ink); }
        table.data { border-collapse: collapse; width: 100%; font-size: 12.5px; font-variant-numeric: tabular-nums; }
        table.data caption { caption-side: top; text-align: left; color: var(--muted); font-size: 12px; padding-bottom: 4px; }
        table.data th, table.data td { border: 1px solid var(--line); padding: 4px 6px; vertical-align: top; }
        table.data thead th { background: #e8edf3; font-weight: 600; text-align: left; vertical-align: bottom; }
        table.data tbody tr:nth-child(even) { background: #fafbfc; }
        table.data tfoot th, table.data tfoot td { background: #e8edf3; font-weight: 700; }
        table.data tbody th { text-align: left; font-weight: 400; }
        table.data tfoot th { text-align: left; }
        .num { text-align: right !important; white-space: nowrap; }
        td.zero { color: #a0a4aa; }
        td.rate { font-weight: 600; }
        .name { color: var(--muted); font-size: 11.5px; }
        code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 0.92em; }
        .pair { display: grid; grid-template-columns: 1fr 1fr; gap: 20px; }
        .inline-bar { display: inline-block; height: 8px; background: var(--blue-light); margin-right: 6px; vertical-align: middle; }
        table.rank td.num:nth-child(3) { width: 120px; }
        .scroll { overflow-x: auto; }
        table.units { font-size: 12px; }
        table.units th, table.units td { padding: 3px 5px; }
        table.units thead th { font-size: 11px; line-height: 1.3; white-space: normal; }
        table.units tbody th, table.units tfoot th { min-width: 230px; }
        .empty, .note { color: var(--muted); font-style: italic; }
        #notes ul { padding-left: 20px; color: #333; font-size: 12.5px; }
        footer { margin-top: 28px; border-top: 1px solid var(--line); color: var(--muted); font-size: 11.5px; }
        @media (max-width: 800px) { .tiles { grid-template-columns: repeat(2, 1fr); } .pair { grid-template-columns: 1fr; } body { padding: 12px; } }
        @page { size: A4; margin: 14mm 12mm; }
        @media print {
          body { max-width: none; padding: 0; font-size: 11px; }
          .tiles { grid-template-columns: repeat(5, 1fr); }
          section, figure, tr { break-inside: avoid; }
          h2 { break-after: avoid; }
          .scroll { overflow: visible; }
          table.data { font-size: 9.5px; }
        }

        """;
}
