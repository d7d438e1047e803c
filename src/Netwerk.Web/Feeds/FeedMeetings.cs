using Netwerk.Core.Accounts;
using Netwerk.Core.Analysis;
using Netwerk.Core.Planning;
using Netwerk.Core.Storage;
using Netwerk.Web.Access;
using Netwerk.Web.Invitations;
using Netwerk.Web.Meetings;

namespace Netwerk.Web.Feeds;

/// <summary>A feed's calendar text, and which feed it is.</summary>
public sealed record FeedCalendar(string FeedId, string Text);

/// <summary>
/// Which meetings a feed holds and its calendar. A platform feed: every meeting OF the platform. A personal feed: the
/// meetings of the Person nodes with the owner's e-mail address (accounts are not nodes; the address ties them) —
/// those they are INVITED to (not taken off the list, not declined) and those they organise. Both leave out drafts and
/// cancelled meetings, and meetings whose last occurrence ended more than <see cref="PastDays"/> days ago; a series
/// comes whole (RRULE, EXDATE for cancelled dates, RECURRENCE-ID for changed ones). Each meeting is written by
/// <see cref="InvitationCalendar.Publish"/> from the same <see cref="InvitationEvent"/> its invitations use.
/// </summary>
public sealed class FeedMeetings(PlanningGraph planning, IGraphStore store, RegionMembership membership, InvitationEvents events, InvitationCalendar calendars)
{
    public const int PastDays = 30;

    /// <summary>The calendar, or null when the feed no longer has anything to show its owner (platform gone or out of sight).</summary>
    public async Task<FeedCalendar?> CalendarAsync(CalendarFeed feed, Account owner, CancellationToken ct)
    {
        var graph = await planning.CurrentAsync(ct);
        var visible = await RequestAccess.VisibleToAsync(owner, membership, ct);
        string? platformName = null;
        IEnumerable<int> candidates;
        if (feed.Kind == CalendarFeedKind.Platform)
        {
            if (feed.PlatformId is not { } platformId || !graph.TryGetIndex(platformId, out var platform) || !graph.IsKind(platform, "Platform")
                || visible is not null && !visible(platformId))
            {
                return null;
            }
            platformName = graph.NameOf(platform);
            candidates = graph.Related(platform, MeetingState.Of, Direction.Incoming);
        }
        else
        {
            candidates = PersonalMeetings(graph, owner.Email);
        }

        var from = planning.Now.AddDays(-PastDays);
        var reader = new InvitationRecipient { PersonId = owner.Id, Name = owner.Name, Email = owner.Email, Language = owner.Language };
        var meetings = new List<(InvitationEvent Meeting, DateTimeOffset ChangedAt)>();
        foreach (var index in candidates.Distinct().Where(i => graph.IsKind(i, MeetingState.Kind)).Select(graph.IdOf).Order(StringComparer.Ordinal))
        {
            if (visible is not null && !visible(index)) continue;
            if (await store.GetNodeAsync(index, ct) is not { Kind: MeetingState.Kind } node) continue;
            var meeting = new MeetingState(node, [], []);
            if (meeting.Status is "cancelled" or "draft" || !Ahead(meeting, from)) continue;
            var published = events.ForFeed(meeting, reader);
            try
            {
                published.Validate();
            }
            catch (ArgumentException)
            {
                // A meeting written past the API (a raw node edit) with an unusable rule or times: left out, never a failed feed.
                continue;
            }
            meetings.Add((published, node.UpdatedAt));
        }
        var english = string.Equals(owner.Language, "en", StringComparison.OrdinalIgnoreCase);
        var text = calendars.Publish(new PublishedCalendar
        {
            Name = feed.Name,
            Description = platformName is null
                ? english ? $"Meetings of {owner.Name} in Netwerk" : $"Activiteiten van {owner.Name} in Netwerk"
                : english ? $"Meetings of {platformName} in Netwerk" : $"Activiteiten van {platformName} in Netwerk",
            Meetings = [.. meetings.OrderBy(m => m.Meeting.Start).ThenBy(m => m.Meeting.MeetingId, StringComparer.Ordinal)],
        });
        return new FeedCalendar(feed.Id, text);
    }

    /// <summary>Meetings that people with this address are invited to (still on the list, not declined) or organise.</summary>
    private static List<int> PersonalMeetings(GraphSnapshot graph, string email)
    {
        var people = graph.NodesOfKind("Person")
            .Where(p => graph.Text(p, "email") is { } address && Account.NormaliseEmail(address) == email)
            .ToList();
        var ids = people.Select(graph.IdOf).ToHashSet(StringComparer.Ordinal);
        var result = new List<int>();
        foreach (var person in people)
        {
            foreach (var r in graph.RelationshipsOf(person))
            {
                if (graph.RelationshipType(r) != MeetingState.Invited || graph.RelationshipFrom(r) != person) continue;
                var properties = graph.RelationshipProperties(r);
                if (MeetingNode.Text(properties, "removedAt") is not null || MeetingNode.Text(properties, "status") == "declined") continue;
                result.Add(graph.RelationshipTo(r));
            }
        }
        if (ids.Count > 0)
        {
            foreach (var meeting in graph.NodesOfKind(MeetingState.Kind))
            {
                if (MeetingNode.Strings(graph.PropertiesOf(meeting), "organisers").Any(ids.Contains)) result.Add(meeting);
            }
        }
        return result;
    }

    /// <summary>Whether an occurrence that is not cancelled ends after <paramref name="from"/>.</summary>
    private static bool Ahead(MeetingState meeting, DateTimeOffset from) =>
        MeetingRecurrence.ExpandLeniently(meeting.Recurrence, meeting.Start, meeting.End, meeting.Exceptions, from, from.AddYears(MeetingRecurrence.MaxSpanYears + 1))
            .Any(o => !o.Cancelled);
}
