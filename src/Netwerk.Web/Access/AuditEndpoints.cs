using Microsoft.AspNetCore.Http.HttpResults;
using Netwerk.Core.Accounts;
using Netwerk.Core.Graph;
using Netwerk.Core.Storage;
using Netwerk.Web.Http;

namespace Netwerk.Web.Access;

/// <summary>The audit log: who changed what and when, read from the change feed, which records the actor of every change.</summary>
public static class AuditEndpoints
{
    public sealed record AuditEntry(
        long Sequence, DateTimeOffset At, string? ActorId, string? ActorName, ChangeEntity Entity, ChangeOperation Operation, string Id, string Label, string? Cause);

    /// <summary>A page of the log, newest first; <see cref="Next"/> is the <c>before</c> value of the next page (null at the end).</summary>
    public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, long? Next);

    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", GetAudit).WithTags("Accounts").RequireAuthorization(RolePolicies.Regisseur)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Changes newest first with who made them (actorId null: the system), optionally of one actor; page with `before`.");
        return app;
    }

    private static async Task<Ok<AuditPage>> GetAudit(
        IGraphStore store, IAccountStore accounts, RequestAccess access, string? actor, string? before, string? limit, CancellationToken ct)
    {
        var size = QueryParameters.Int(limit, "limit", 100, 1, 1000);
        var query = new AuditQuery { Actor = string.IsNullOrWhiteSpace(actor) ? null : actor, Before = before is null ? null : QueryParameters.Long(before, "before", 0), Limit = size };
        var names = (await accounts.ListAsync(ct)).ToDictionary(a => a.Id, a => a.Name, StringComparer.Ordinal);
        names[Principals.Bootstrap.Id] = Principals.Bootstrap.Name;
        var visible = await access.VisibleAsync(ct);
        var entries = new List<AuditEntry>();
        long? next = null;
        // A regisseur of some regions reads past changes elsewhere until a page is full (or the log ends).
        while (entries.Count < size)
        {
            var changes = await store.GetAuditAsync(query, ct);
            foreach (var c in changes.Where(c => visible is null || visible(c.Id) || (c.From is not null && visible(c.From)) || (c.To is not null && visible(c.To))))
            {
                if (entries.Count == size) break;
                entries.Add(new AuditEntry(c.Sequence, c.At, c.Actor, c.Actor is null ? null : names.GetValueOrDefault(c.Actor), c.Entity, c.Operation, c.Id, c.Label, c.Cause));
            }
            if (changes.Count < query.Limit) { next = null; break; }
            query = query with { Before = changes[^1].Sequence };
            next = entries.Count == size ? entries[^1].Sequence : changes[^1].Sequence;
        }
        return TypedResults.Ok(new AuditPage(entries, next));
    }
}
