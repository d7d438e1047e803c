using Netwerk.Core.Storage;

namespace Netwerk.Testing;

/// <summary>An <see cref="IActorContext"/> a test sets: the account the store's next writes are made by (null: the system).</summary>
public sealed class TestActor : IActorContext
{
    private volatile string? _actor;

    public string? Actor
    {
        get => _actor;
        set => _actor = value;
    }
}
