using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Netwerk.Core.Accounts;
using Netwerk.Core.Graph;
using Netwerk.Core.Storage;
using Netwerk.Web.Access;
using Netwerk.Web.Http;
using Netwerk.Web.Problems;

namespace Netwerk.Web.Privacy;

/// <summary>
/// A partner's rights over their data (GDPR): everything about one person as a file, and erasure that leaves no
/// trace in the store, the outbox or any export. Regisseurs of the person's region act on the request.
/// </summary>
public static class PersonDataEndpoints
{
    public sealed record PersonExport(
        DateTimeOffset ExportedAt, Node Person, IReadOnlyList<ExportedRelationship> Relationships, IReadOnlyList<Change> History,
        AccountResponse? Account, IReadOnlyList<string> PendingMails);

    public sealed record ExportedRelationship(Relationship Relationship, string OtherId, string? OtherKind, string? OtherName);

    public static IEndpointRouteBuilder MapPersonData(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/people").WithTags("Personal data").RequireAuthorization(RolePolicies.Regisseur)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id}/export", Export).WithSummary("Everything Netwerk holds about one person, as a JSON file (GDPR access request).");
        group.MapPost("/{id}/erase", Erase)
            .WithSummary("Erases a person without trace: node and relationships, history data, account, outbox mails; attendance stays as anonymous counts.");
        group.MapGet("/inactive", Inactive).ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("People with no change to them or their relationships for `months` (default: the retention setting).");
        return app;
    }

    private static async Task<FileContentHttpResult> Export(
        string id, IGraphStore store, IAccountStore accounts, Mail.MailOutbox outbox, RequestAccess access, TimeProvider time, CancellationToken ct)
    {
        var person = await PersonAsync(id, store, access, ct);
        await access.EnsureWritableAsync(id, ct);
        var relationships = await store.FindRelationshipsAsync(new RelationshipQuery { NodeId = id, Limit = int.MaxValue }, ct);
        var exported = new List<ExportedRelationship>();
        foreach (var r in relationships.Items)
        {
            var otherId = r.From == id ? r.To : r.From;
            var other = await store.GetNodeAsync(otherId, ct);
            exported.Add(new ExportedRelationship(r, otherId, other?.Kind, other is null ? null : store.Schema.NameOf(other)));
        }
        var email = EmailOf(person);
        var account = email is null ? null : await accounts.FindByEmailAsync(email, ct);
        var export = new PersonExport(time.GetUtcNow(), person, exported, await store.GetHistoryAsync(id, 100_000, ct),
            account is null ? null : AccountResponse.From(account), email is null ? [] : (await outbox.FilesFor(email, ct)).Select(Path.GetFileName).OfType<string>().ToList());
        var bytes = JsonSerializer.SerializeToUtf8Bytes(export, ExportJson);
        return TypedResults.File(bytes, "application/json", $"persoonsgegevens-{id}.json");
    }

    private static async Task<Ok<ErasureResponse>> Erase(string id, IGraphStore store, PersonEraser eraser, RequestAccess access, CancellationToken ct)
    {
        var person = await PersonAsync(id, store, access, ct);
        await access.EnsureWritableAsync(id, ct);
        return TypedResults.Ok(await eraser.EraseAsync(person, ct));
    }

    private static async Task<Ok<List<InactivePerson>>> Inactive(
        IGraphStore store, RequestAccess access, PersonRetention retention, string? months, CancellationToken ct)
    {
        var window = QueryParameters.Int(months, "months", retention.DefaultMonths, 1, 1200);
        var visible = await access.VisibleAsync(ct);
        var people = await retention.InactiveAsync(window, ct);
        return TypedResults.Ok(people.Where(p => visible is null || visible(p.Id)).ToList());
    }

    private static async Task<Node> PersonAsync(string id, IGraphStore store, RequestAccess access, CancellationToken ct)
    {
        await access.EnsureVisibleAsync(id, ct);
        var node = await store.GetNodeAsync(id, ct) ?? throw new GraphItemNotFoundException(ChangeEntity.Node, id);
        if (store.Schema.Kind(node.Kind) is not { Personal: true })
            throw new RequestProblemException(StatusCodes.Status400BadRequest, "not-a-person", detail: $"'{id}' is geen persoon.");
        return node;
    }

    internal static string? EmailOf(Node person) =>
        person.Properties.TryGetValue("email", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static readonly JsonSerializerOptions ExportJson = new(GraphJson.Options) { WriteIndented = true };
}
