namespace Netwerk.Testing;

/// <summary>
/// A fake <see cref="TimeProvider"/> for deterministic timestamps: time stands still until a test advances it.
/// Starts at a whole second so stores that keep millisecond or second precision still round-trip it exactly.
/// </summary>
public sealed class FakeClock(DateTimeOffset start) : TimeProvider
{
    public static readonly DateTimeOffset DefaultStart = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly Lock _gate = new();
    private DateTimeOffset _now = start.ToUniversalTime();

    public FakeClock() : this(DefaultStart)
    {
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _now;
    }

    /// <summary>Moves the clock forward; a negative step is refused because stores may rely on time not running back.</summary>
    public void Advance(TimeSpan step)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(step, TimeSpan.Zero);
        lock (_gate) _now += step;
    }
}
