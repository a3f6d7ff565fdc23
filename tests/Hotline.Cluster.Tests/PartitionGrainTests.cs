using Microsoft.Extensions.DependencyInjection;
using Hotline.Engine.Catalog;
using Hotline.Engine.Engine;
using Hotline.Engine.Profiles;
using Orleans.TestingHost;

namespace Hotline.Cluster.Tests;

/// <summary>Two silos, three city partitions: tickets, forwarding, idempotent retries, the journal lock.</summary>
public sealed class PartitionGrainTests : IAsyncLifetime
{
    private ClusterHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await ClusterHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Each_partition_dispatches_its_own_regions()
    {
        var a = await _harness.Partition("430100").Submit(ClusterHarness.Receive("T1", "430102", "2026-03-02T09:00:00+08:00"));
        var b = await _harness.Partition("430200").Submit(ClusterHarness.Receive("T1", "430203", "2026-03-02T09:05:00+08:00"));

        Assert.Equal(["accepted", "dispatched"], Events.Names(a.Events));
        Assert.Equal("430100-urban", Events.Field(a.Events[1], "unit"));
        Assert.Equal(["accepted", "dispatched"], Events.Names(b.Events));
        Assert.Equal("430200-urban", Events.Field(b.Events[1], "unit"));
        Assert.Null(a.ForwardedTo);
        Assert.Contains("\"state\":\"dispatched\"", await _harness.Partition("430100").Status("T1"), StringComparison.Ordinal);
        Assert.Contains("\"unit\":\"430200-urban\"", await _harness.Partition("430200").Status("T1"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_receive_for_another_partitions_region_is_forwarded_to_it_once()
    {
        var changsha = _harness.Partition("430100");
        var zhuzhou = _harness.Partition("430200");
        var receive = ClusterHarness.Receive("T7", "430202", "2026-03-02T10:00:00+08:00", id: "c-7");

        var reply = await changsha.Submit(receive);

        Assert.Equal(["forwarded"], Events.Names(reply.Events));
        Assert.Equal("430200", Events.Field(reply.Events[0], "to"));
        Assert.Equal("430200", reply.ForwardedTo);
        Assert.Equal(["accepted", "dispatched"], Events.Names(reply.ForwardEvents));
        Assert.All(reply.ForwardEvents, e => Assert.Equal("430100:T7", Events.Field(e, "ticket")));
        Assert.Null(await changsha.Status("T7"));
        Assert.Contains("\"unit\":\"430200-urban\"", await zhuzhou.Status("430100:T7"), StringComparison.Ordinal);
        int tickets = (await zhuzhou.Describe()).Tickets;

        // the same forward again (a retry after a lost answer): answered, not applied twice
        var again = await zhuzhou.Forward(new ForwardRequest("430100", "T7", receive));
        Assert.Equal(["already-applied"], Events.Names(again));

        // the client retries the receive itself: the source answers already-applied and re-forwards
        var retried = await changsha.Submit(receive);
        Assert.Equal(["already-applied"], Events.Names(retried.Events));
        Assert.Equal("430200", retried.ForwardedTo);
        Assert.Equal(["already-applied"], Events.Names(retried.ForwardEvents));

        Assert.Equal(tickets, (await zhuzhou.Describe()).Tickets);
    }

    [Fact]
    public async Task A_region_no_partition_owns_stays_forwarded_to_the_province()
    {
        var reply = await _harness.Partition("430100").Submit(ClusterHarness.Receive("T9", "440300", "2026-03-02T10:00:00+08:00"));

        Assert.Equal(["forwarded"], Events.Names(reply.Events));
        Assert.Equal("province", Events.Field(reply.Events[0], "to"));
        Assert.Null(reply.ForwardedTo);
        Assert.Empty(reply.ForwardEvents);
    }

    [Fact]
    public async Task A_forward_behind_the_targets_clock_is_received_at_the_targets_clock()
    {
        await _harness.Partition("430200").Submit(ClusterHarness.Receive("Z1", "430202", "2026-03-05T09:00:00+08:00"));

        var reply = await _harness.Partition("430100").Submit(ClusterHarness.Receive("T2", "430203", "2026-03-02T09:00:00+08:00"));

        Assert.Equal(["accepted", "dispatched"], Events.Names(reply.ForwardEvents));
        Assert.Equal("2026-03-05T09:00:00+08:00", Events.Field(reply.ForwardEvents[0], "at"));
    }

    [Fact]
    public async Task A_partition_whose_journal_is_held_elsewhere_fails_to_activate_clearly_and_recovers_once_released()
    {
        var data = Path.Combine(_harness.Root, "journals", "xiangtan");
        var holder = HotlineEngine.Start(new EngineOptions
        {
            Profile = PolicyProfile.Resolve("changsha-2020"),
            Catalog = DispatchCatalog.Load(Path.Combine(_harness.Root, "430300.json")),
            DataDirectory = data,
        });
        try
        {
            var e = await Assert.ThrowsAnyAsync<Exception>(() => _harness.Partition("430300").Describe());
            Assert.Contains("in use by process", e.Message, StringComparison.Ordinal);
            Assert.Contains("430300", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            await holder.DisposeAsync();
        }

        var reply = await _harness.Partition("430300").Submit(ClusterHarness.Receive("X1", "430302", "2026-03-02T09:00:00+08:00"));
        Assert.Equal(["accepted", "dispatched"], Events.Names(reply.Events));
    }

    [Fact]
    public async Task When_a_silo_stops_its_partitions_reactivate_elsewhere_with_every_acknowledged_event()
    {
        var cluster = _harness.Cluster;
        var primary = cluster.Primary ?? throw new InvalidOperationException("no primary silo");
        var secondary = cluster.SecondarySilos[0];

        // Activate Zhuzhou on the secondary silo (partitions are placed where first asked).
        var local = cluster.GetSiloServiceProvider(secondary.SiloAddress).GetRequiredService<IGrainFactory>().GetGrain<IPartitionGrain>("430200");
        var before = await local.Describe();
        Assert.Equal(secondary.SiloAddress.ToString(), before.Silo);

        var zhuzhou = _harness.Partition("430200");
        var changsha = _harness.Partition("430100");
        var acknowledged = new List<string>();
        for (int i = 0; i < 20; i++)
        {
            var at = $"2026-03-02T{9 + (i / 6):00}:{i % 6 * 10:00}:00+08:00";
            var r1 = await zhuzhou.Submit(ClusterHarness.Receive($"Z{i}", "430203", at));
            Assert.Contains("dispatched", Events.Names(r1.Events)); // a hotspot may follow
            acknowledged.Add($"Z{i}");
        }

        var fwd = await changsha.Submit(ClusterHarness.Receive("C1", "430202", "2026-03-02T13:00:00+08:00", id: "c-1"));
        Assert.Equal("430200", fwd.ForwardedTo);
        acknowledged.Add("430100:C1");

        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await cluster.StopSiloAsync(secondary, timeout.Token);
        }

        var after = await zhuzhou.Describe();
        Assert.Equal(primary.SiloAddress.ToString(), after.Silo);
        Assert.Equal(before.Tickets + acknowledged.Count, after.Tickets);
        foreach (var ticket in acknowledged)
        {
            Assert.NotNull(await zhuzhou.Status(ticket));
        }

        // and it goes on from the recovered clock
        var next = await zhuzhou.Submit(ClusterHarness.Receive("Z-next", "430202", "2026-03-02T14:00:00+08:00", category: "parking"));
        Assert.Equal(["accepted", "dispatched"], Events.Names(next.Events));
    }
}
