using System.Collections.Concurrent;
using System.Diagnostics;

namespace Hotline.Host.Tests;

/// <summary>The built <c>hotline</c> run as a child process, as users and ops run it.</summary>
internal sealed class HotlineProcess : IDisposable
{
    /// <summary>A fixed journal key for tests, so no key is generated into the user's config folder.</summary>
    public const string TestKey = "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=";

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stdout = new();
    private readonly ConcurrentQueue<string> _stderr = new();

    public HotlineProcess(params string[] args)
        : this(new Dictionary<string, string?> { ["HOTLINE_KEY"] = TestKey }, args)
    {
    }

    /// <summary>Starts hotline with these environment variables set (null: removed).</summary>
    public HotlineProcess(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "hotline.dll"));
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        info.Environment["DOTNET_TieredPGO"] = "0";
        _process = Process.Start(info) ?? throw new InvalidOperationException("could not start hotline");
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                _stdout.Enqueue(e.Data);
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                _stderr.Enqueue(e.Data);
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public StreamWriter Stdin => _process.StandardInput;

    public IReadOnlyCollection<string> Stdout => _stdout;

    public IReadOnlyCollection<string> Stderr => _stderr;

    public bool HasExited => _process.HasExited;

    /// <summary>SIGKILL: no chance to flush or close anything.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public int WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException("hotline did not exit in time");
        }

        _process.WaitForExit(); // drain the output
        return _process.ExitCode;
    }

    /// <summary>Runs to the end of <paramref name="input"/> and returns the exit code, stdout lines and stderr.</summary>
    public static (int Exit, List<string> Stdout, string Stderr) RunToEnd(string input, params string[] args) =>
        RunToEnd(new Dictionary<string, string?> { ["HOTLINE_KEY"] = TestKey }, input, args);

    public static (int Exit, List<string> Stdout, string Stderr) RunToEnd(IReadOnlyDictionary<string, string?> environment, string input, params string[] args)
    {
        using var p = new HotlineProcess(environment, args);
        p.Stdin.Write(input);
        p.Stdin.Close();
        int exit = p.WaitForExit(TimeSpan.FromSeconds(60));
        return (exit, [.. p.Stdout], string.Join("\n", p.Stderr));
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
