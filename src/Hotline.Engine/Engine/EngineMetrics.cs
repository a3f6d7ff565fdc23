using System.Diagnostics.Metrics;

namespace Hotline.Engine.Engine;

/// <summary>
/// The engine's instruments on <see cref="System.Diagnostics.Metrics"/> (meter <c>Hotline.Engine</c>),
/// readable by OpenTelemetry or <c>dotnet-counters monitor --counters Hotline.Engine</c>: commands and
/// events applied, overdue clocks, journal commit latency, and gauges of tickets held and timers armed.
/// </summary>
/// <remarks>Counters are updated by the loop once per batch; gauges are read when observed.</remarks>
internal sealed class EngineMetrics : IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Hotline.Engine";

    private readonly Meter _meter;
    private readonly Counter<long> _commands;
    private readonly Counter<long> _events;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _overdue;
    private readonly Histogram<double> _commit;

    public EngineMetrics(Func<(int Tickets, int Timers)> gauges)
    {
        _meter = new Meter(MeterName, typeof(EngineMetrics).Assembly.GetName().Version?.ToString());
        _commands = _meter.CreateCounter<long>("hotline.commands", "{command}", "Commands applied.");
        _events = _meter.CreateCounter<long>("hotline.events", "{event}", "Events emitted.");
        _rejected = _meter.CreateCounter<long>("hotline.rejected", "{command}", "Commands rejected.");
        _overdue = _meter.CreateCounter<long>("hotline.overdue", "{clock}", "Clocks that went overdue.");
        _commit = _meter.CreateHistogram<double>("hotline.journal.commit", "ms", "Journal group-commit latency.");
        _meter.CreateObservableGauge("hotline.tickets", () => gauges().Tickets, "{ticket}", "Tickets the engine holds.");
        _meter.CreateObservableGauge("hotline.timers", () => gauges().Timers, "{timer}", "Deadlines armed on the timing wheel.");
    }

    public void Batch(int commands, int events, int rejected, int overdue)
    {
        _commands.Add(commands);
        _events.Add(events);
        if (rejected > 0)
        {
            _rejected.Add(rejected);
        }

        if (overdue > 0)
        {
            _overdue.Add(overdue);
        }
    }

    public void Commit(double milliseconds) => _commit.Record(milliseconds);

    public void Dispose() => _meter.Dispose();
}
