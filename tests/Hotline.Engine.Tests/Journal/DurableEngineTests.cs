using Hotline.Engine.Catalog;
using Hotline.Engine.Engine;
using Hotline.Engine.Profiles;
using Hotline.Engine.Protocol;
using NodaTime;

namespace Hotline.Engine.Tests.Journal;

[Collection("journal key")]
public sealed class DurableEngineTests : IDisposable
{

    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"hotline-durable-{Guid.NewGuid():N}");



    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private HotlineEngine Start() => HotlineEngine.Start(new EngineOptions
    {
        Profile = PolicyProfile.Resolve("changsha-2020"),
        Catalog = SampleCatalogs.Changsha,
        DataDirectory = _dir,
    });

    private long JournalBytes() => Directory.GetFiles(Path.Combine(_dir, "journal"), "*.log.*").Sum(f => new FileInfo(f).Length);

    private static EngineCommand Line(string json) => CommandReader.Read(json, 1)!;

    [Fact]
    public async Task StampedCommand_ReplaysAsStamped_NotAsTheClientWroteIt()
    {
        var stamped = Instant.FromUtc(2026, 3, 10, 2, 0);
        await using (var engine = Start())
        {
            await engine.SubmitAsync(Line("""{"op":"receive","at":"2026-03-02T09:00:00+08:00","ticket":"T1","channel":"web","kind":"help","category":"water.supply","region":"430102"}"""));
            // A host stamps its own clock and the caller over what the client sent.
            var events = await engine.SubmitAsync(Line("""{"op":"sign","at":"2026-03-02T09:05:00+08:00","ticket":"T1","unit":"city-water-supply","by":"forged"}""") with { At = stamped, By = "furong" });
            Assert.Equal("furong", events[^1].By);
        }

        await using (var engine = Start())
        {
            var clock = await engine.GetClockAsync();
            Assert.True(clock.Clock >= stamped, $"the replayed clock {clock.Clock} went back to the client's instant");
            var status = await engine.GetStatusAsync("T1");
            Assert.Equal("signed", status!.State);
        }
    }

    [Fact]
    public async Task IdleTicks_AreKeptOffTheJournal_ButTheClockSurvivesACleanStop()
    {
        var last = Instant.FromUtc(2026, 3, 2, 3, 0);
        long before, size;
        await using (var engine = Start())
        {
            await engine.SubmitAsync(Line("""{"op":"advance","at":"2026-03-02T09:00:00+08:00"}"""));
            before = JournalBytes();
            for (int i = 1; i <= 600; i++)
            {
                await engine.AdvanceAsync(Instant.FromUtc(2026, 3, 2, 1, 0) + Duration.FromSeconds(i * 12));
            }

            size = JournalBytes() - before;
        }

        Assert.True(size < 4096, $"600 idle ticks took {size} bytes of journal");
        await using (var engine = Start())
        {
            Assert.Equal(last, (await engine.GetClockAsync()).Clock);
        }
    }

    [Fact]
    public async Task OpenReadOnly_ReadsTheReportWithTheManifestsProfile()
    {
        await using (var engine = Start())
        {
            await engine.SubmitAsync(Line("""{"op":"receive","at":"2026-03-02T09:00:00+08:00","ticket":"T1","channel":"web","kind":"help","category":"water.supply","region":"430102"}"""));
        }

        await using (var reader = HotlineEngine.OpenReadOnly(_dir))
        {
            var report = await reader.GetReportAsync(Instant.MinValue, Instant.MaxValue);
            Assert.Equal(1, report.Units.Single().Value.Dispatched);
            Assert.Throws<InvalidOperationException>(() => reader.SubmitAsync(Line("""{"op":"advance","at":"2026-03-03T09:00:00+08:00"}""")));
        }
    }
}
