using System.Text.Json;
using Netwerk.Core.Graph;

namespace Netwerk.Testing;

/// <summary>
/// Builds drafts that are valid against the shipped schema.json, one method per node kind, so a test states only
/// what matters to it and tweaks the rest with <see cref="With(NodeDraft, string, object?)"/> and
/// <see cref="Without(NodeDraft, string)"/>.
/// </summary>
public static class TestGraph
{
    /// <summary>A JSON value as a client would send it.</summary>
    public static JsonElement Json(object? value) => JsonSerializer.SerializeToElement(value);

    public static NodeDraft Node(string? id, string? kind, params (string Name, object? Value)[] properties) => new()
    {
        Id = id,
        Kind = kind,
        Properties = properties.ToDictionary(p => p.Name, p => Json(p.Value), StringComparer.Ordinal),
    };

    public static NodeDraft Organisation(string? id, string name = "Maatwerkbedrijf De Link",
        string type = "maatwerkbedrijf", string sector = "sociale-economie") =>
        Node(id, "Organisation", ("name", name), ("type", type), ("sector", sector));

    public static NodeDraft Person(string? id, string name = "An Peeters", string? email = null, string? function = null)
    {
        var draft = Node(id, "Person", ("name", name));
        if (email is not null) draft = draft.With("email", email);
        if (function is not null) draft = draft.With("function", function);
        return draft;
    }

    public static NodeDraft Platform(string? id, string name = "Lerend netwerk trajectbegeleiders", string type = "lerend-netwerk") =>
        Node(id, "Platform", ("name", name), ("type", type));

    public static NodeDraft Agreement(string? id, string title = "Samen sterk voor lokaal werk", string type = "samenwerkingsovereenkomst") =>
        Node(id, "Agreement", ("title", title), ("type", type));

    public static NodeDraft Theme(string? id, string name = "Kinderopvang") => Node(id, "Theme", ("name", name));

    public static NodeDraft Municipality(string? id, string name = "Kortrijk") => Node(id, "Municipality", ("name", name));

    public static NodeDraft Region(string? id, string name = "Zuid-West-Vlaanderen") => Node(id, "Region", ("name", name));

    public static NodeDraft Project(string? id, string name = "WWIN") => Node(id, "Project", ("name", name));

    public static NodeDraft Signal(string? id, string title = "Wachtlijsten Nederlands") => Node(id, "Signal", ("title", title));

    public static NodeDraft Meeting(string? id, string title = "Inspiratiemoment taal op de werkvloer",
        string type = "inspiratiemoment", string start = "2025-03-10T09:30:00+01:00") =>
        Node(id, "Meeting", ("title", title), ("type", type), ("start", start));

    /// <summary>The smallest valid draft of any kind in the schema.</summary>
    public static NodeDraft Of(string kind, string? id) => kind switch
    {
        "Organisation" => Organisation(id),
        "Person" => Person(id),
        "Platform" => Platform(id),
        "Agreement" => Agreement(id),
        "Theme" => Theme(id),
        "Municipality" => Municipality(id),
        "Region" => Region(id),
        "Project" => Project(id),
        "Signal" => Signal(id),
        "Meeting" => Meeting(id),
        _ => throw new ArgumentException($"TestGraph has no builder for kind '{kind}'.", nameof(kind)),
    };

    public static RelationshipDraft Rel(string? type, string? from, string? to, string? id = null,
        string? validFrom = null, string? validUntil = null, params (string Name, object? Value)[] properties) => new()
    {
        Id = id,
        Type = type,
        From = from,
        To = to,
        ValidFrom = validFrom,
        ValidUntil = validUntil,
        Properties = properties.ToDictionary(p => p.Name, p => Json(p.Value), StringComparer.Ordinal),
    };

    /// <summary>A copy with one property set (added or replaced).</summary>
    public static NodeDraft With(this NodeDraft draft, string name, object? value) =>
        draft with { Properties = Set(draft.Properties, name, value) };

    /// <summary>A copy without one property.</summary>
    public static NodeDraft Without(this NodeDraft draft, string name) =>
        draft with { Properties = Remove(draft.Properties, name) };

    public static RelationshipDraft With(this RelationshipDraft draft, string name, object? value) =>
        draft with { Properties = Set(draft.Properties, name, value) };

    public static RelationshipDraft Without(this RelationshipDraft draft, string name) =>
        draft with { Properties = Remove(draft.Properties, name) };

    private static Dictionary<string, JsonElement> Set(IReadOnlyDictionary<string, JsonElement>? properties, string name, object? value) =>
        new(properties ?? new Dictionary<string, JsonElement>(), StringComparer.Ordinal) { [name] = Json(value) };

    private static Dictionary<string, JsonElement> Remove(IReadOnlyDictionary<string, JsonElement>? properties, string name)
    {
        var copy = new Dictionary<string, JsonElement>(properties ?? new Dictionary<string, JsonElement>(), StringComparer.Ordinal);
        copy.Remove(name);
        return copy;
    }
}
