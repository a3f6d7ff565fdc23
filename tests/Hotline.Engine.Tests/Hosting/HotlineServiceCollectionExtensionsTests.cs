using System.Diagnostics.Metrics;
using Hotline.Engine.Catalog;
using Hotline.Engine.Engine;
using Hotline.Engine.Hosting;
using Hotline.Engine.Profiles;
using Hotline.Engine.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Engine.Tests.Hosting;

public class HotlineServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddHotlineEngine_ResolvesOneEngine_AndItsMetricsCountCommands()
    {
        long commands = 0;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "Hotline.Engine" && instrument.Name == "hotline.commands")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref commands, value));
        listener.Start();

        var services = new ServiceCollection();
        services.AddHotlineEngine(_ => new EngineOptions { Profile = PolicyProfile.Resolve("changsha-2020"), Catalog = SampleCatalogs.Changsha });
        await using (var provider = services.BuildServiceProvider())
        {
            var engine = provider.GetRequiredService<HotlineEngine>();
            Assert.Same(engine, provider.GetRequiredService<HotlineEngine>());
            var events = await engine.SubmitAsync(CommandReader.Read(
                """{"op":"receive","at":"2026-03-02T09:00:00+08:00","ticket":"T1","channel":"web","kind":"help","category":"water.supply","region":"430102"}""", 1)!);
            Assert.Equal(["accepted", "dispatched"], events.Select(e => e.Name));
        }

        Assert.True(Interlocked.Read(ref commands) >= 1);
    }
}
