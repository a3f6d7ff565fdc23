using NodaTime;

namespace Hotline.Host.Tests.Http;

/// <summary>A clock the test sets (NodaTime.Testing's FakeClock is not available here).</summary>
internal sealed class SettableClock(Instant now) : IClock
{
    // Read by the server's threads, set by the test.
    private long _ticks = now.ToUnixTimeTicks();

    public Instant Now
    {
        get => Instant.FromUnixTimeTicks(Interlocked.Read(ref _ticks));
        set => Interlocked.Exchange(ref _ticks, value.ToUnixTimeTicks());
    }

    public Instant GetCurrentInstant() => Now;
}
