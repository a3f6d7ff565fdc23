using System.Globalization;
using System.Text;
using System.Text.Json;
using Hotline.Engine.Calendar;
using NodaTime;

namespace Hotline.Host.Tests;

/// <summary>
/// Fault tests of <c>hotline run --data</c> (issue 6): the built CLI as a child process under a
/// steady stream of commands, killed with SIGKILL at random points and restarted on the same
/// directory; every event it printed must be in the recovered state, and nothing is applied twice.
/// Rounds: 3 by default; set <c>HOTLINE_KILL_ROUNDS</c> for more.
/// </summary>
public sealed class DurabilityTests : IDisposable
{
    private static readonly string Catalog = Path.Combine(AppContext.BaseDirectory, "samples", "catalog-changsha.json");
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"hotline-kill-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private string[] Args => ["run", "--profile", "changsha-2020", "--catalog", Catalog, "--data", _dir];

    private static string Command(int round, int i, Instant at)
    {
        string stamp = InstantText.Format(at, DateTimeZoneProviders.Tzdb["Asia/Shanghai"]);
        string ticket = $"K{round}-{i}";
        return i % 3 == 2
            ? $$"""{"op":"sign","at":"{{stamp}}","ticket":"K{{round}}-{{i - 2}}","unit":"furong-gov","id":"s{{round}}-{{i}}"}"""
            : $$$"""{"op":"receive","at":"{{{stamp}}}","ticket":"{{{ticket}}}","id":"r{{{round}}}-{{{i}}}","channel":"phone","kind":"complaint","category":"noise.construction","region":"430102001","caller":{"name":"Li","phone":"139{{{round:D2}}}{{{i:D6}}}"}}""";
    }

    [Fact]
    public void Kill_AtRandomPoints_LosesNothingPrinted()
    {
        int rounds = int.TryParse(Environment.GetEnvironmentVariable("HOTLINE_KILL_ROUNDS"), CultureInfo.InvariantCulture, out int r) ? r : 3;
        var random = new Random(12345);
        var printed = new List<JsonElement>();
        var sent = new Dictionary<string, string>(); // id → command line
        var start = Instant.FromUtc(2026, 3, 2, 1, 0);
        for (int round = 0; round < rounds; round++)
        {
            using var p = new HotlineProcess(Args);
            var roundStart = start + Duration.FromDays(round);
            int i = 0;
            var killAt = DateTime.UtcNow.AddMilliseconds(random.Next(300, 1200));
            while (DateTime.UtcNow < killAt && !p.HasExited)
            {
                var line = Command(round, i, roundStart + Duration.FromSeconds(i));
                sent[JsonDocument.Parse(line).RootElement.GetProperty("id").GetString()!] = line;
                p.Stdin.WriteLine(line);
                if (i % 16 == 0)
                {
                    p.Stdin.Flush();
                }

                i++;
            }

            p.Stdin.Flush();
            Thread.Sleep(random.Next(0, 50));
            p.Kill();
            Assert.False(p.Stderr.Any(l => l.Contains("damaged", StringComparison.Ordinal)), string.Join("\n", p.Stderr));
            foreach (var line in p.Stdout)
            {
                try
                {
                    printed.Add(JsonDocument.Parse(line).RootElement.Clone());
                }
                catch (JsonException)
                {
                    // a line cut by the kill was not completely printed
                }
            }
        }

        Assert.NotEmpty(printed);
        long lastPrinted = printed.Max(e => e.GetProperty("seq").GetInt64());
        var accepted = printed.Where(e => e.GetProperty("event").GetString() == "accepted").Select(e => e.GetProperty("ticket").GetString()!).ToList();
        var signed = printed.Where(e => e.GetProperty("event").GetString() == "signed").Select(e => e.GetProperty("ticket").GetString()!).ToHashSet();
        Assert.Equal(accepted.Count, accepted.Distinct().Count());

        // Restart: every printed ticket is there in the state printed, and every printed command,
        // retried with its id, is answered already-applied (one effect).
        var input = new StringBuilder();
        var late = start + Duration.FromDays(rounds + 1);
        string lateStamp = InstantText.Format(late, DateTimeZoneProviders.Tzdb["Asia/Shanghai"]);
        foreach (var t in accepted)
        {
            input.AppendLine(CultureInfo.InvariantCulture, $$"""{"op":"query","at":"{{lateStamp}}","ticket":"{{t}}"}""");
        }

        var retried = accepted.Take(50).Select(t => sent.Values.First(l => l.Contains($"\"ticket\":\"{t}\"", StringComparison.Ordinal) && l.Contains("\"receive\"", StringComparison.Ordinal))).ToList();
        foreach (var line in retried)
        {
            input.AppendLine(line);
        }

        var (exit, stdout, stderr) = HotlineProcess.RunToEnd(input.ToString(), Args);
        Assert.True(exit == 0, stderr);
        var events = stdout.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.True(events[0].GetProperty("seq").GetInt64() > lastPrinted, "seq went back: printed events were lost");
        var statuses = events.Where(e => e.GetProperty("event").GetString() == "status").ToDictionary(e => e.GetProperty("ticket").GetString()!);
        foreach (var t in accepted)
        {
            Assert.True(statuses.ContainsKey(t), $"ticket {t} was printed as accepted but is gone after the restart");
            if (signed.Contains(t))
            {
                Assert.Equal("signed", statuses[t].GetProperty("state").GetString());
            }
        }

        Assert.Equal(retried.Count, events.Count(e => e.GetProperty("event").GetString() == "already-applied"));
    }

    [Fact]
    public void DamagedJournal_RecoversToLastGoodRecord_AndSaysSo()
    {
        var stamp = "2026-03-02T09:00:00+08:00";
        var lines = Enumerable.Range(0, 40).Select(i =>
            $$"""{"op":"receive","at":"{{stamp}}","ticket":"D{{i}}","channel":"web","kind":"help","category":"water.supply","region":"430102"}""");
        var (exit, first, _) = HotlineProcess.RunToEnd(string.Join("\n", lines) + "\n", Args);
        Assert.Equal(0, exit);
        Assert.True(first.Count >= 80); // accepted + dispatched each, and a hot spot when the tenth lands

        // Damage the tail of the log: the last records fail their seal.
        var log = Directory.GetFiles(Path.Combine(_dir, "journal"), "*.log.*").Single();
        var bytes = File.ReadAllBytes(log);
        int end = Array.FindLastIndex(bytes, b => b != 0);
        for (int k = end - 40; k <= end; k++)
        {
            bytes[k] ^= 0x5A;
        }

        File.WriteAllBytes(log, bytes);
        var (exit2, second, stderr) = HotlineProcess.RunToEnd("""{"op":"query","at":"2026-03-02T10:00:00+08:00","ticket":"D0"}""" + "\n", Args);
        Assert.Equal(0, exit2);
        Assert.Contains("damaged or torn", stderr, StringComparison.Ordinal);
        var status = JsonDocument.Parse(second.Single()).RootElement;
        Assert.Equal("status", status.GetProperty("event").GetString());
        Assert.True(status.GetProperty("seq").GetInt64() <= 81);
        Assert.Single(Directory.GetDirectories(_dir, "journal.damaged-*"));
    }

    [Fact]
    public void SecondProcess_OnTheSameDirectory_ExitsTwoNamingTheHolder()
    {
        using var holder = new HotlineProcess(Args);
        holder.Stdin.WriteLine("""{"op":"advance","at":"2026-03-02T09:00:00+08:00"}""");
        holder.Stdin.Flush();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!File.Exists(Path.Combine(_dir, "lock.pid")) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(20);
        }

        var (exit, stdout, stderr) = HotlineProcess.RunToEnd("", Args);
        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.Contains("is in use by process", stderr, StringComparison.Ordinal);
        holder.Stdin.Close();
        Assert.Equal(0, holder.WaitForExit(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void NoKeyConfigured_GeneratesOneInTheConfigFolder_WithAWarning_AndReusesIt()
    {
        var config = Path.Combine(_dir + "-config");
        var environment = new Dictionary<string, string?> { ["HOTLINE_KEY"] = null, ["HOTLINE_KEY_FILE"] = null, ["XDG_CONFIG_HOME"] = config };
        try
        {
            var (exit, _, stderr) = HotlineProcess.RunToEnd(environment, "", Args);
            Assert.Equal(0, exit);
            string key = Path.Combine(config, "hotline", "journal.key");
            Assert.Contains($"generated a new journal key at {key}", stderr, StringComparison.Ordinal);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
            }

            var (exit2, _, stderr2) = HotlineProcess.RunToEnd(environment, "", Args);
            Assert.Equal(0, exit2);
            Assert.DoesNotContain("generated", stderr2, StringComparison.Ordinal);

            // Another key cannot open the directory: it says so instead of reading garbage.
            var (exit3, _, stderr3) = HotlineProcess.RunToEnd("", Args);
            Assert.Equal(2, exit3);
            Assert.Contains("sealed with another journal key", stderr3, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(config))
            {
                Directory.Delete(config, recursive: true);
            }
        }
    }

    [Fact]
    public void Resume_WithAnotherProfile_ExitsTwo()
    {
        Assert.Equal(0, HotlineProcess.RunToEnd("", Args).Exit);
        var (exit, stdout, stderr) = HotlineProcess.RunToEnd("", "run", "--profile", "linyi-2016", "--catalog", Catalog, "--data", _dir);
        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.Contains("was created with profile 'changsha-2020'", stderr, StringComparison.Ordinal);
    }
}
