namespace Netwerk.Core.Storage;

/// <summary>
/// Who makes the store's writes in the current flow: an account id, or null for the system (jobs, demo data).
/// The store reads it at every write and records it on each change, which makes the change feed the audit log.
/// A store is long-lived, so an implementation answers for the flow it is asked from (e.g. the current request).
/// </summary>
public interface IActorContext
{
    string? Actor { get; }
}

/// <summary>The actor of flows no person starts (start-up, background jobs, demo data): always null.</summary>
public sealed class SystemActor : IActorContext
{
    public static SystemActor Instance { get; } = new();

    private SystemActor()
    {
    }

    public string? Actor => null;
}
