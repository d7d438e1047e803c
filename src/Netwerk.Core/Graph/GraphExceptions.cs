using Netwerk.Core.Schema;

namespace Netwerk.Core.Graph;

/// <summary>Base of the store's domain errors; the web host maps each to a status code.</summary>
public abstract class GraphException(string message) : Exception(message);

/// <summary>A write broke the schema; nothing was written. Carries every problem found, not just the first.</summary>
public sealed class GraphValidationException(IReadOnlyList<ValidationError> errors)
    : GraphException($"{errors.Count} validation error(s): " + string.Join("; ", errors.Take(5).Select(e => $"{e.Field}: {e.Code}")))
{
    public IReadOnlyList<ValidationError> Errors { get; } = errors;
}

public sealed class GraphItemNotFoundException(ChangeEntity entity, string id)
    : GraphException($"{entity} '{id}' does not exist.")
{
    public ChangeEntity Entity { get; } = entity;
    public string Id { get; } = id;
}

/// <summary>The caller's expected version is not the stored one: someone else changed the item meanwhile.</summary>
public sealed class VersionConflictException(ChangeEntity entity, string id, long expectedVersion, long currentVersion)
    : GraphException($"{entity} '{id}' is at version {currentVersion}, not {expectedVersion}.")
{
    public ChangeEntity Entity { get; } = entity;
    public string Id { get; } = id;
    public long ExpectedVersion { get; } = expectedVersion;
    public long CurrentVersion { get; } = currentVersion;
}

public sealed class DuplicateIdException(ChangeEntity entity, string id)
    : GraphException($"{entity} '{id}' already exists.")
{
    public ChangeEntity Entity { get; } = entity;
    public string Id { get; } = id;
}
