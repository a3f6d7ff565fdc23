using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Hotline.Host.Reports;

/// <summary>Escaping and number formats for the bulletin: invariant culture, Chinese kept as text.</summary>
internal static class HtmlText
{
    // Every Unicode range allowed, so Chinese stays readable in the file; markup characters are still encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>The text escaped for HTML element content and attribute values.</summary>
    public static string Encode(string? text) => Encoder.Encode(text ?? string.Empty);

    /// <summary>A count with thousands separators: <c>1,234</c>.</summary>
    public static string Count(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A rate of spec §6 as a percentage with two decimals, or an em dash when there is none.</summary>
    public static string Percent(decimal? rate) =>
        rate is { } r ? (r * 100m).ToString("0.00", CultureInfo.InvariantCulture) + "%" : "—";

    /// <summary>A share <paramref name="part"/> / <paramref name="whole"/> as a percentage with one decimal.</summary>
    public static string Share(int part, int whole) =>
        whole == 0 ? "—" : (100.0 * part / whole).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>An SVG coordinate: at most two decimals, invariant.</summary>
    public static string Coordinate(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>
    /// Cuts <paramref name="text"/> to about <paramref name="width"/> narrow characters (a CJK character
    /// counts two), ending with an ellipsis when cut.
    /// </summary>
    public static string Fit(string text, int width)
    {
        ArgumentNullException.ThrowIfNull(text);
        int used = 0;
        for (int i = 0; i < text.Length; i++)
        {
            used += text[i] >= '\u2E80' ? 2 : 1;
            if (used > width)
            {
                return string.Concat(text.AsSpan(0, Math.Max(0, i - 1)), "…");
            }
        }

        return text;
    }
}
