using System.Text.Json;

namespace Netwerk.Core.Schema;

/// <summary>
/// Properties Netwerk keeps itself (<see cref="PropertyDefinition.Managed"/>). A client's write through the generic node
/// and relationship endpoints keeps their stored values: leaving one out keeps it, sending its stored value is fine,
/// sending another value is a <c>managed</c> error. So an edit form (which leaves them out) never wipes an invitation's
/// delivery state, and no hand edit can make Netwerk believe a mail went out.
/// </summary>
public static class ManagedProperties
{
    /// <summary>
    /// <paramref name="requested"/> with every managed property of <paramref name="definitions"/> set to its value in
    /// <paramref name="stored"/> (or absent when it has none). Throws <see cref="Graph.GraphValidationException"/> naming
    /// each managed property the request would change.
    /// </summary>
    public static IReadOnlyDictionary<string, JsonElement>? Keep(
        IReadOnlyList<PropertyDefinition>? definitions, IReadOnlyDictionary<string, JsonElement>? requested,
        IReadOnlyDictionary<string, JsonElement>? stored)
    {
        var errors = new List<ValidationError>();
        var managed = definitions?.Where(p => p.Managed).ToList() ?? [];
        if (managed.Count == 0) return requested;
        var result = requested is null ? new Dictionary<string, JsonElement>(StringComparer.Ordinal) : new Dictionary<string, JsonElement>(requested, StringComparer.Ordinal);
        foreach (var property in managed)
        {
            JsonElement kept = default;
            var has = stored is not null && stored.TryGetValue(property.Name, out kept) && kept.ValueKind != JsonValueKind.Null;
            var changed = result.TryGetValue(property.Name, out var sent) && sent.ValueKind != JsonValueKind.Null
                          && !(has && JsonElement.DeepEquals(sent, kept));
            if (changed)
            {
                errors.Add(new ValidationError($"properties.{property.Name}", "managed", property.Name));
            }
            if (has) result[property.Name] = kept;
            else result.Remove(property.Name);
        }
        return errors.Count > 0 ? throw new Graph.GraphValidationException(errors) : result;
    }
}
