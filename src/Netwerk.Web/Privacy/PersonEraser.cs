using System.Text.Json;
using Netwerk.Core.Accounts;
using Netwerk.Core.Graph;
using Netwerk.Core.Schema;
using Netwerk.Core.Storage;
using Netwerk.Web.Mail;
using Netwerk.Web.Spreadsheets;

namespace Netwerk.Web.Privacy;

public sealed record ErasureResponse(
    string Tombstone, int RelationshipsRemoved, int MeetingsCounted, int OutboxFilesRemoved, bool AccountRemoved, bool StorageScrubbed);

/// <summary>
/// Erases one person everywhere Netwerk keeps them: attendance first becomes an anonymous count on each meeting
/// (so reports keep their numbers) and meetings stop naming them (organisers, invite lists, speed dates), then mails waiting in the outbox and their account go, then the store erases
/// the node and scrubs its history.
/// </summary>
public sealed class PersonEraser(IGraphStore store, IAccountStore accounts, MailOutbox outbox, SheetUploads uploads, GraphSchema schema, ILogger<PersonEraser> logger)
{
    public const string AnonymousAttendees = "anonymousAttendees";

    public async Task<ErasureResponse> EraseAsync(Node person, CancellationToken ct)
    {
        var attended = await store.FindRelationshipsAsync(new RelationshipQuery { Type = "ATTENDED", From = person.Id, Limit = int.MaxValue }, ct);
        foreach (var meetingId in attended.Items.Select(r => r.To).Distinct()) await CountAnonymously(meetingId, ct);
        await Meetings.MeetingReferences.ForgetPersonAsync(store, person.Id, ct);
        var email = PersonDataEndpoints.EmailOf(person);
        var outboxFiles = email is null ? 0 : await outbox.RemoveOutboxFilesFor(email, ct);
        var account = email is null ? null : await accounts.FindByEmailAsync(email, ct);
        var accountRemoved = account is not null && await accounts.DeleteAsync(account.Id, ct);
        var sheets = uploads.ForgetContaining([.. new[] { email, schema.NameOf(person) }.OfType<string>()]);
        var erased = await store.EraseNodeAsync(person.Id, ct);
        // The log names the tombstone, never the person.
        logger.LogInformation("Erased a person: tombstone {Tombstone}, {Relationships} relationships, {Sheets} uploaded sheets dropped",
            erased.TombstoneId, erased.RelationshipsRemoved, sheets);
        return new ErasureResponse(erased.TombstoneId, erased.RelationshipsRemoved, attended.Items.Count, outboxFiles, accountRemoved, erased.StorageScrubbed);
    }

    private async Task CountAnonymously(string meetingId, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (await store.GetNodeAsync(meetingId, ct) is not { } meeting) return;
            var properties = new Dictionary<string, JsonElement>(meeting.Properties);
            var count = properties.TryGetValue(AnonymousAttendees, out var current) && current.TryGetInt32(out var n) ? n : 0;
            properties[AnonymousAttendees] = JsonSerializer.SerializeToElement(count + 1);
            try
            {
                await store.UpdateNodeAsync(meetingId, new NodeDraft { Kind = meeting.Kind, Properties = properties }, meeting.Version, ct);
                return;
            }
            catch (VersionConflictException) when (attempt < 3)
            {
                // Someone edited the meeting meanwhile: count on their version.
            }
        }
    }
}
