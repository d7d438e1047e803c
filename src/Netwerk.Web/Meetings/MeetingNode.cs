using System.Globalization;
using System.Text.Json;
using Netwerk.Core.Graph;
using Netwerk.Core.Planning;
using Netwerk.Core.Planning.InviteLists;
using Netwerk.Core.Storage;

namespace Netwerk.Web.Meetings;

/// <summary>The invite list as kept on the meeting (property <c>inviteRules</c>): its definition and when it was frozen.</summary>
public sealed record StoredInviteList(InviteListDefinition Definition, DateTimeOffset? FrozenAt = null);

/// <summary>
/// A Meeting node with the relationships that belong to its definition (OF its platform, ADDRESSES its themes), read
/// together, and the meaning of its properties: the JSON-in-text ones (exceptions, inviteRules, speedDates) parsed.
/// </summary>
public sealed record MeetingState(Node Node, IReadOnlyList<Relationship> Platforms, IReadOnlyList<Relationship> Themes)
{
    public const string Kind = "Meeting";
    public const string Of = "OF";
    public const string Addresses = "ADDRESSES";
    public const string Invited = "INVITED";
    public const string Attended = "ATTENDED";

    public string Id => Node.Id;
    public IReadOnlyDictionary<string, JsonElement> Properties => Node.Properties;
    public string Type => Text("type") ?? "andere";
    public string Title => Text("title") ?? Node.Id;
    public string Status => Text("status") ?? "planned";
    public string? Recurrence => Text("recurrence");
    public int Sequence => MeetingNode.Integer(Properties, "sequence") ?? 0;
    public DateTimeOffset Start => MeetingNode.DateTime(Properties, "start") ?? DateTimeOffset.MinValue;
    public DateTimeOffset End => MeetingNode.DateTime(Properties, "end") ?? Start.AddHours(1);
    public string? PlatformId => Platforms.Count > 0 ? Platforms[0].To : null;
    public IReadOnlyList<string> ThemeIds => [.. Themes.Select(t => t.To).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    public IReadOnlyList<string> Organisers => MeetingNode.Strings(Properties, "organisers");
    public IReadOnlyList<OccurrenceException> Exceptions => MeetingNode.Exceptions(Properties);
    public StoredInviteList? InviteList => MeetingNode.Json<StoredInviteList>(Properties, "inviteRules");
    public SpeedDateSettings? SpeedDates => MeetingNode.Json<SpeedDateSettings>(Properties, "speedDates");

    public string? Text(string name) => MeetingNode.Text(Properties, name);

    /// <summary>The nodes that place the meeting in a werkingsgebied: itself, its platform and its organisers.</summary>
    public IReadOnlyList<string> Anchors => [Id, .. PlatformId is { } p ? [p] : Array.Empty<string>(), .. Organisers];

    public static async Task<MeetingState?> LoadAsync(IGraphStore store, string id, CancellationToken ct)
    {
        var node = await store.GetNodeAsync(id, ct);
        if (node is null || node.Kind != Kind) return null;
        var platforms = await store.FindRelationshipsAsync(new RelationshipQuery { Type = Of, From = id, Limit = 1000 }, ct);
        var themes = await store.FindRelationshipsAsync(new RelationshipQuery { Type = Addresses, From = id, Limit = 1000 }, ct);
        // A meeting may also ADDRESS signals; only the themes are the meeting's "themes".
        var themeLinks = new List<Relationship>();
        foreach (var link in themes.Items)
        {
            if ((await store.GetNodeAsync(link.To, ct))?.Kind == "Theme") themeLinks.Add(link);
        }
        return new MeetingState(node, platforms.Items, themeLinks);
    }

    public MeetingResponse ToResponse()
    {
        var invites = InviteList;
        return new MeetingResponse
        {
            Id = Id,
            Version = Node.Version,
            Kind = Type,
            Title = Title,
            Description = Text("description"),
            Start = Start,
            End = End,
            Venue = new VenueDto(Text("venue"), Text("address"), Text("room"), Text("onlineUrl")),
            Capacity = MeetingNode.Integer(Properties, "capacity"),
            WaitingList = MeetingNode.Boolean(Properties, "waitingList") ?? true,
            Themes = ThemeIds,
            Platform = PlatformId,
            Organisers = Organisers,
            Status = Status,
            Recurrence = Recurrence,
            Priority = Text("priority"),
            Exceptions = Exceptions,
            Sequence = Sequence,
            HasInviteRules = invites is not null,
            InvitationsFrozenAt = invites?.FrozenAt,
            SpeedDates = SpeedDates,
            AttendeeCount = MeetingNode.Integer(Properties, "attendeeCount"),
            CreatedAt = Node.CreatedAt,
            UpdatedAt = Node.UpdatedAt,
        };
    }
}

/// <summary>Reading and writing the Meeting node's properties.</summary>
public static class MeetingNode
{
    /// <summary>How a date-time is stored: Brussels wall-clock time with its offset, to the second.</summary>
    public static string Format(DateTimeOffset instant) =>
        MeetingRecurrence.ToBrussels(instant).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static string? Text(IReadOnlyDictionary<string, JsonElement> properties, string name) =>
        properties.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    public static int? Integer(IReadOnlyDictionary<string, JsonElement> properties, string name) =>
        properties.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var i) ? i : null;

    public static bool? Boolean(IReadOnlyDictionary<string, JsonElement> properties, string name) =>
        properties.TryGetValue(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;

    public static DateTimeOffset? DateTime(IReadOnlyDictionary<string, JsonElement> properties, string name) =>
        GraphDates.TryParseDateTime(Text(properties, name), out var value) ? MeetingRecurrence.ToBrussels(value) : null;

    public static IReadOnlyList<string> Strings(IReadOnlyDictionary<string, JsonElement> properties, string name) =>
        properties.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)]
            : [];

    public static IReadOnlyList<OccurrenceException> Exceptions(IReadOnlyDictionary<string, JsonElement> properties) =>
        Json<List<OccurrenceException>>(properties, "exceptions") ?? [];

    /// <summary>A JSON-in-text property; null when absent or unreadable (it is written only by this API).</summary>
    public static T? Json<T>(IReadOnlyDictionary<string, JsonElement> properties, string name) where T : class
    {
        if (Text(properties, name) is not { } text) return null;
        try
        {
            return JsonSerializer.Deserialize<T>(text, JsonOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static JsonElement ToJsonText<T>(T value) => GraphJson.ToElement(JsonSerializer.Serialize(value, JsonOptions));

    public static JsonElement Element<T>(T value) => GraphJson.ToElement(value);

    /// <summary>Web conventions, and the rule type may come anywhere in a rule object.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new(GraphJson.Options) { AllowOutOfOrderMetadataProperties = true };

    /// <summary>A copy of the properties with some set (non-null) and some removed (null).</summary>
    public static Dictionary<string, JsonElement> With(IReadOnlyDictionary<string, JsonElement> properties, params (string Name, JsonElement? Value)[] changes)
    {
        var result = new Dictionary<string, JsonElement>(properties, StringComparer.Ordinal);
        foreach (var (name, value) in changes)
        {
            if (value is { } v) result[name] = v;
            else result.Remove(name);
        }
        return result;
    }
}
