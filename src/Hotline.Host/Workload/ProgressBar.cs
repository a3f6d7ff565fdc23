namespace Hotline.Host.Workload;

/// <summary>A one-line progress bar on stderr, redrawn at most every percent.</summary>
internal sealed class ProgressBar(TextWriter output, long total)
{
    private const int Width = 40;
    private int _lastPercent = -1;

    public void Report(long done)
    {
        int percent = total == 0 ? 100 : (int)(100 * done / total);
        if (percent == _lastPercent)
        {
            return;
        }

        _lastPercent = percent;
        int filled = percent * Width / 100;
        output.Write($"\r[{new string('#', filled)}{new string('.', Width - filled)}] {percent,3}%  {done:N0}/{total:N0}");
        output.Flush();
    }

    public void Done()
    {
        Report(total);
        output.WriteLine();
    }
}
