using System.Diagnostics;
using Netwerk.Core.Graph;
using Netwerk.Core.Schema;
using Netwerk.Core.Storage;

namespace Netwerk.Web.Telemetry;

/// <summary>
/// The graph store with a span around every call (<c>store.&lt;operation&gt;</c>, source <see cref="NetwerkTelemetry.SourceName"/>),
/// so a trace shows which requests and jobs wait on the store. Ids are recorded; property values (names, addresses) never.
/// Costs nothing measurable when no tracer listens (the source then starts no activity).
/// </summary>
public sealed class TracedGraphStore(IGraphStore inner, string provider) : IGraphStore
{
    public GraphSchema Schema => inner.Schema;

    public Task<Node?> GetNodeAsync(string id, CancellationToken cancellationToken = default) => Trace("get_node", id, () => inner.GetNodeAsync(id, cancellationToken));
    public Task<Node> CreateNodeAsync(NodeDraft draft, CancellationToken cancellationToken = default) => Trace("create_node", draft.Id, () => inner.CreateNodeAsync(draft, cancellationToken));
    public Task<Node> UpdateNodeAsync(string id, NodeDraft draft, long expectedVersion, CancellationToken cancellationToken = default) => Trace("update_node", id, () => inner.UpdateNodeAsync(id, draft, expectedVersion, cancellationToken));
    public Task DeleteNodeAsync(string id, long expectedVersion, CancellationToken cancellationToken = default) => Trace("delete_node", id, () => inner.DeleteNodeAsync(id, expectedVersion, cancellationToken));
    public Task<Relationship?> GetRelationshipAsync(string id, CancellationToken cancellationToken = default) => Trace("get_relationship", id, () => inner.GetRelationshipAsync(id, cancellationToken));
    public Task<Relationship> CreateRelationshipAsync(RelationshipDraft draft, CancellationToken cancellationToken = default) => Trace("create_relationship", draft.Id, () => inner.CreateRelationshipAsync(draft, cancellationToken));
    public Task<Relationship> UpdateRelationshipAsync(string id, RelationshipDraft draft, long expectedVersion, CancellationToken cancellationToken = default) => Trace("update_relationship", id, () => inner.UpdateRelationshipAsync(id, draft, expectedVersion, cancellationToken));
    public Task DeleteRelationshipAsync(string id, long expectedVersion, CancellationToken cancellationToken = default) => Trace("delete_relationship", id, () => inner.DeleteRelationshipAsync(id, expectedVersion, cancellationToken));
    public Task<Page<Node>> FindNodesAsync(NodeQuery query, CancellationToken cancellationToken = default) => Trace("find_nodes", query.Kind, () => inner.FindNodesAsync(query, cancellationToken));
    public Task<Page<Relationship>> FindRelationshipsAsync(RelationshipQuery query, CancellationToken cancellationToken = default) => Trace("find_relationships", query.Type, () => inner.FindRelationshipsAsync(query, cancellationToken));
    public Task<IReadOnlyList<SearchHit>> SearchAsync(string text, int limit, CancellationToken cancellationToken = default) => Trace("search", null, () => inner.SearchAsync(text, limit, cancellationToken));
    public Task<Subgraph> GetNeighbourhoodAsync(string nodeId, int depth, DateOnly? asOf, CancellationToken cancellationToken = default) => Trace("get_neighbourhood", nodeId, () => inner.GetNeighbourhoodAsync(nodeId, depth, asOf, cancellationToken));
    public Task<Subgraph> GetGraphAsync(GraphScope scope, CancellationToken cancellationToken = default) => Trace("get_graph", scope.RegionId, () => inner.GetGraphAsync(scope, cancellationToken));
    public Task<ImportResult> ImportAsync(GraphDocument document, CancellationToken cancellationToken = default) => Trace("import", null, () => inner.ImportAsync(document, cancellationToken));
    public Task<ChangePage> GetChangesAsync(long since, int limit, CancellationToken cancellationToken = default) => Trace("get_changes", null, () => inner.GetChangesAsync(since, limit, cancellationToken));
    public Task<IReadOnlyList<Change>> GetHistoryAsync(string nodeId, int limit, CancellationToken cancellationToken = default) => Trace("get_history", nodeId, () => inner.GetHistoryAsync(nodeId, limit, cancellationToken));
    public Task<IReadOnlyList<Change>> GetAuditAsync(AuditQuery query, CancellationToken cancellationToken = default) => Trace("get_audit", null, () => inner.GetAuditAsync(query, cancellationToken));
    public Task<long> GetLatestSequenceAsync(CancellationToken cancellationToken = default) => Trace("get_latest_sequence", null, () => inner.GetLatestSequenceAsync(cancellationToken));
    public Task<StoreStatus> GetStatusAsync(CancellationToken cancellationToken = default) => Trace("get_status", null, () => inner.GetStatusAsync(cancellationToken));
    public Task<ErasureResult> EraseNodeAsync(string id, CancellationToken cancellationToken = default) => Trace("erase_node", null, () => inner.EraseNodeAsync(id, cancellationToken));

    private async Task Trace(string operation, string? id, Func<Task> call) => await Trace<bool>(operation, id, async () =>
    {
        await call();
        return true;
    });

    private async Task<T> Trace<T>(string operation, string? id, Func<Task<T>> call)
    {
        using var activity = NetwerkTelemetry.Source.StartActivity("store." + operation, ActivityKind.Client);
        if (activity is null) return await call();
        activity.SetTag("db.system.name", provider);
        activity.SetTag("db.operation.name", operation);
        if (id is not null) activity.SetTag("netwerk.id", id);
        try
        {
            return await call();
        }
        catch (Exception e)
        {
            activity.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            throw;
        }
    }
}
