using System.Buffers.Binary;
using System.Text.RegularExpressions;

namespace Hotline.Host.Tests.Reports;

/// <summary>
/// The bulletin rendered by a real browser: Debian's headless Chromium loads the file offline, its
/// DOM holds both SVG charts with their bars, the console stays silent, and the screenshot is a real
/// picture. Chromium is installed when missing (see <see cref="Chromium"/>); never skipped.
/// </summary>
[Collection(SampleMonthCollection.Name)]
public sealed partial class BulletinRenderTests(SampleMonthData sample) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly string _dir = Directory.CreateTempSubdirectory("hotline-render-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // a chromium helper still closing its profile; the temp folder is cleaned later
        }
    }

    private string[] Headless(params string[] more) =>
    [
        "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
        "--user-data-dir=" + Path.Combine(_dir, "profile"), "--enable-logging=stderr", "--v=0", .. more,
    ];

    [Fact]
    public void Chromium_SampleBulletin_RendersChartsWithoutConsoleErrors()
    {
        string html = Path.Combine(_dir, "bulletin.html");
        var (exit, _, stderr) = CliRunner.Run("report", "--data", sample.DataDirectory, "--month", "2026-03", "--format", "html",
            "--out", html, "--catalog", SampleMonthData.CatalogFile);
        Assert.True(exit == 0, stderr);
        string url = new Uri(html).AbsoluteUri;

        var dom = Chromium.Run(Headless("--dump-dom", url), Timeout);
        Assert.True(dom.Exit == 0, $"chromium --dump-dom exited {dom.Exit}: {dom.Stderr}");
        Assert.Empty(ConsoleLines(dom.Stderr));
        Assert.Equal(2, SvgOpen().Matches(dom.Stdout).Count);
        Assert.Contains("id=\"chart-volume\"", dom.Stdout, StringComparison.Ordinal);
        Assert.Contains("id=\"chart-rates\"", dom.Stdout, StringComparison.Ordinal);
        Assert.Equal(31, DayBar().Matches(dom.Stdout).Count);
        Assert.Contains("12345政务服务便民热线", dom.Stdout, StringComparison.Ordinal);

        string png = Path.Combine(_dir, "bulletin.png");
        var shot = Chromium.Run(Headless("--screenshot=" + png, "--window-size=1200,2000", url), Timeout);
        Assert.True(shot.Exit == 0, $"chromium --screenshot exited {shot.Exit}: {shot.Stderr}");
        Assert.Empty(ConsoleLines(shot.Stderr));
        Assert.True(File.Exists(png), $"no screenshot written: {shot.Stderr}");
        byte[] bytes = File.ReadAllBytes(png);
        Assert.Equal("\x89PNG\r\n\x1a\n", string.Concat(bytes.Take(8).Select(b => (char)b)));
        Assert.Equal(1200, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)));
        Assert.Equal(2000, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)));
        Assert.True(bytes.Length > 50_000, $"a {bytes.Length}-byte screenshot is too plain to be the bulletin");
    }

    [Fact]
    public void Chromium_PageWithScriptError_ConsoleLinesSeen()
    {
        // The control for the test above: the console check does see errors when there are some.
        string page = Path.Combine(_dir, "broken.html");
        File.WriteAllText(page, "<!DOCTYPE html><html><body><p>x</p><script>console.error('boom'); notDefined();</script></body></html>");

        var dom = Chromium.Run(Headless("--dump-dom", new Uri(page).AbsoluteUri), Timeout);

        Assert.Equal(0, dom.Exit);
        Assert.Contains(ConsoleLines(dom.Stderr), l => l.Contains("Uncaught ReferenceError", StringComparison.Ordinal));
    }

    /// <summary>Chromium's console messages (logged as <c>INFO:CONSOLE</c>) and uncaught script errors.</summary>
    private static List<string> ConsoleLines(string stderr) =>
        [.. stderr.ReplaceLineEndings("\n").Split('\n').Where(l => l.Contains(":CONSOLE", StringComparison.Ordinal) || l.Contains("Uncaught", StringComparison.Ordinal))];

    [GeneratedRegex("<svg[ >]")]
    private static partial Regex SvgOpen();

    [GeneratedRegex("<g class=\"bar( weekend)?\"><title>")]
    private static partial Regex DayBar();
}
