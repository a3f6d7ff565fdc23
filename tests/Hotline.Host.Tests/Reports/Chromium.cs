using System.Diagnostics;

namespace Hotline.Host.Tests.Reports;

/// <summary>
/// Debian's headless Chromium for the bulletin render test. When <c>/usr/bin/chromium</c> is missing
/// and the tests run as root (CI and the developers' machines do), it is installed once with
/// <c>apt-get</c> under a lock file, so parallel test runs do not race; when that is impossible or
/// fails, <see cref="Require"/> fails the test with the reason — the render test is never skipped.
/// </summary>
internal static class Chromium
{
    public const string Path = "/usr/bin/chromium";

    private static readonly Lazy<string?> Problem = new(Install, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The chromium binary; fails the test when it is missing and could not be installed.</summary>
    public static string Require()
    {
        if (Problem.Value is { } problem)
        {
            Assert.Fail($"the bulletin render test needs Debian's chromium: {problem}. Install it with: apt-get update && apt-get install -y chromium");
        }

        return Path;
    }

    /// <summary>Runs chromium with <paramref name="arguments"/>; its exit code, stdout and stderr.</summary>
    public static (int Exit, string Stdout, string Stderr) Run(IEnumerable<string> arguments, TimeSpan timeout) =>
        RunProcess(Require(), arguments, timeout);

    private static string? Install()
    {
        if (File.Exists(Path))
        {
            return null;
        }

        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess)
        {
            return $"{Path} is missing, and only root can install it (this process is not root)";
        }

        // One installer at a time across test processes; the others wait, then find it installed.
        string lockPath = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "hotline-chromium-install.lock");
        using var gate = WaitForLock(lockPath, TimeSpan.FromMinutes(15));
        if (gate is null)
        {
            return $"timed out waiting for another process installing chromium (lock {lockPath})";
        }

        if (File.Exists(Path))
        {
            return null;
        }

        var update = RunProcess("apt-get", ["update"], TimeSpan.FromMinutes(5));
        if (update.Exit != 0)
        {
            return $"apt-get update failed ({update.Exit}): {Tail(update.Stderr)}";
        }

        var install = RunProcess("apt-get", ["install", "-y", "chromium"], TimeSpan.FromMinutes(10));
        if (install.Exit != 0 || !File.Exists(Path))
        {
            return $"apt-get install -y chromium failed ({install.Exit}): {Tail(install.Stderr)}";
        }

        return null;
    }

    private static FileStream? WaitForLock(string path, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (deadline.Elapsed < timeout)
            {
                Thread.Sleep(500); // waiting on another process's apt-get, not on our own timing
            }
            catch (IOException)
            {
                return null;
            }
        }
    }

    private static (int Exit, string Stdout, string Stderr) RunProcess(string file, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        try
        {
            using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                return (-1, stdout.Result, $"timed out after {timeout.TotalSeconds:0} s\n{stderr.Result}");
            }

            process.WaitForExit();
            return (process.ExitCode, stdout.Result, stderr.Result);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, string.Empty, $"cannot run {file}: {e.Message}");
        }
    }

    private static string Tail(string text)
    {
        var lines = text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        return string.Join(" | ", lines.TakeLast(3));
    }
}
