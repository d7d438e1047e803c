using System.Text.Json;
using Netwerk.Core.Graph;
using Netwerk.Core.Planning.InviteLists;
using Netwerk.Core.Storage;

namespace Netwerk.Web.Meetings;

/// <summary>
/// Person ids that meetings keep in properties rather than relationships — organisers, the invite list's manual
/// additions and removals, speed-date groups — so that erasing a person (GDPR) leaves no current reference behind.
/// Earlier versions of those meetings in the change feed are not rewritten.
/// </summary>
public static class MeetingReferences
{
    public static async Task<int> ForgetPersonAsync(IGraphStore store, string personId, CancellationToken ct)
    {
        var meetings = await store.FindNodesAsync(new NodeQuery { Kind = MeetingState.Kind, Limit = int.MaxValue }, ct);
        var changed = 0;
        foreach (var meeting in meetings.Items)
        {
            for (var attempt = 0; ; attempt++)
            {
                var current = attempt == 0 ? meeting : await store.GetNodeAsync(meeting.Id, ct);
                if (current is null || Without(current.Properties, personId) is not { } properties) break;
                try
                {
                    await store.UpdateNodeAsync(current.Id, new NodeDraft { Kind = current.Kind, Properties = properties }, current.Version, ct);
                    changed++;
                    break;
                }
                catch (VersionConflictException) when (attempt < 3)
                {
                    // Edited meanwhile: try again on the new version.
                }
            }
        }
        return changed;
    }

    /// <summary>The properties without the person, or null when the meeting does not name them.</summary>
    private static Dictionary<string, JsonElement>? Without(IReadOnlyDictionary<string, JsonElement> properties, string personId)
    {
        var result = new Dictionary<string, JsonElement>(properties, StringComparer.Ordinal);
        var found = false;
        var organisers = MeetingNode.Strings(properties, "organisers");
        if (organisers.Contains(personId))
        {
            found = true;
            var rest = organisers.Where(o => o != personId).ToList();
            if (rest.Count == 0) result.Remove("organisers");
            else result["organisers"] = GraphJson.ToElement(rest);
        }
        if (MeetingNode.Json<StoredInviteList>(properties, "inviteRules") is { } invites
            && (invites.Definition.Add.Contains(personId) || invites.Definition.Remove.Contains(personId)))
        {
            found = true;
            var definition = invites.Definition with
            {
                Add = [.. invites.Definition.Add.Where(p => p != personId)],
                Remove = [.. invites.Definition.Remove.Where(p => p != personId)],
            };
            result["inviteRules"] = MeetingNode.ToJsonText(invites with { Definition = definition });
        }
        if (MeetingNode.Json<SpeedDateSettings>(properties, "speedDates") is { } speedDates
            && (speedDates.GroupA.Contains(personId) || speedDates.GroupB.Contains(personId)))
        {
            found = true;
            bool Keeps(Core.Planning.SpeedDatePair pair) => pair.A != personId && pair.B != personId;
            result["speedDates"] = MeetingNode.ToJsonText(speedDates with
            {
                GroupA = [.. speedDates.GroupA.Where(p => p != personId)],
                GroupB = [.. speedDates.GroupB.Where(p => p != personId)],
                MustMeet = speedDates.MustMeet?.Where(Keeps).ToList(),
                MustNotMeet = speedDates.MustNotMeet?.Where(Keeps).ToList(),
            });
        }
        return found ? result : null;
    }
}
