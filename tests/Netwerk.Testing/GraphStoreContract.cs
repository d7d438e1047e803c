using System.Text.Json;
using Netwerk.Core.Graph;
using Netwerk.Core.Schema;
using Netwerk.Core.Storage;
using Xunit;

namespace Netwerk.Testing;

/// <summary>
/// The semantics every <see cref="IGraphStore"/> shares, written once. A store's test project derives a class from
/// this one and implements <see cref="CreateEmptyStoreAsync"/>; xunit runs the inherited facts against that store.
/// Each test gets a fresh, empty store driven by a <see cref="FakeClock"/> and writing as <see cref="Actor"/>.
/// </summary>
public abstract partial class GraphStoreContract : IAsyncLifetime
{
    private readonly List<IGraphStore> _stores = [];

    /// <summary>The clock every store of the test reads; tests advance it to see timestamps move.</summary>
    protected FakeClock Clock { get; } = new();

    /// <summary>Who the stores of the test write as; the system (null) until a test sets it.</summary>
    protected TestActor Actor { get; } = new();

    /// <summary>The store under test, fresh and empty at the start of each test.</summary>
    protected IGraphStore Store { get; private set; } = null!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// Creates a new, empty store that validates against <see cref="GraphSchema.Default"/>, reads <paramref name="time"/>
    /// and records <paramref name="actor"/> on every change.
    /// </summary>
    protected abstract Task<IGraphStore> CreateEmptyStoreAsync(TimeProvider time, IActorContext actor);

    /// <summary>Called after every store of the test has been disposed, e.g. to delete database files.</summary>
    protected virtual ValueTask CleanUpAsync() => ValueTask.CompletedTask;

    public virtual async ValueTask InitializeAsync() => Store = await NewStoreAsync();

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
        {
            switch (store)
            {
                case IAsyncDisposable asyncDisposable: await asyncDisposable.DisposeAsync(); break;
                case IDisposable disposable: disposable.Dispose(); break;
            }
        }
        _stores.Clear();
        await CleanUpAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Another empty store on the same clock (export round trips need two).</summary>
    protected async Task<IGraphStore> NewStoreAsync()
    {
        var store = await CreateEmptyStoreAsync(Clock, Actor);
        _stores.Add(store);
        return store;
    }

    protected Task<Node> CreateAsync(NodeDraft draft) => Store.CreateNodeAsync(draft, Ct);

    protected Task<Relationship> LinkAsync(RelationshipDraft draft) => Store.CreateRelationshipAsync(draft, Ct);

    protected async Task CreateAllAsync(params NodeDraft[] drafts)
    {
        foreach (var draft in drafts) await CreateAsync(draft);
    }

    protected async Task LinkAllAsync(params RelationshipDraft[] drafts)
    {
        foreach (var draft in drafts) await LinkAsync(draft);
    }

    protected async Task<Node> RequireNodeAsync(string id) =>
        await Store.GetNodeAsync(id, Ct) ?? throw new Xunit.Sdk.XunitException($"Node '{id}' should exist.");

    protected async Task<Relationship> RequireRelationshipAsync(string id) =>
        await Store.GetRelationshipAsync(id, Ct) ?? throw new Xunit.Sdk.XunitException($"Relationship '{id}' should exist.");

    protected Task<StoreStatus> StatusAsync() => Store.GetStatusAsync(Ct);

    /// <summary>
    /// Runs a write that must be refused by validation: asserts every expected (field, code) is among the errors and
    /// that the store is exactly as before (counts and change feed).
    /// </summary>
    protected async Task<GraphValidationException> AssertRefusedAsync(Func<Task> write, params (string Field, string Code)[] expected)
    {
        var before = await StatusAsync();
        var refusal = await Assert.ThrowsAsync<GraphValidationException>(write);
        foreach (var (field, code) in expected)
        {
            Assert.True(refusal.Errors.Any(e => e.Field == field && e.Code == code),
                $"Expected error {field}: {code}; got {Describe(refusal.Errors)}");
        }
        await AssertUnchangedSinceAsync(before);
        return refusal;
    }

    /// <summary>Asserts that no node, relationship or change-feed entry has been added or removed since <paramref name="before"/>.</summary>
    protected async Task AssertUnchangedSinceAsync(StoreStatus before)
    {
        var after = await StatusAsync();
        Assert.Equal(before.NodeCount, after.NodeCount);
        Assert.Equal(before.RelationshipCount, after.RelationshipCount);
        Assert.Equal(before.LatestSequence, after.LatestSequence);
        var changes = await Store.GetChangesAsync(before.LatestSequence, 10, Ct);
        Assert.Empty(changes.Changes);
    }

    protected static string Describe(IEnumerable<ValidationError> errors) =>
        "[" + string.Join(", ", errors.Select(e => $"{e.Field}: {e.Code}")) + "]";

    /// <summary>Same property names and, per name, the same JSON value (order of names does not matter).</summary>
    protected static void AssertSameProperties(IReadOnlyDictionary<string, JsonElement>? expected, IReadOnlyDictionary<string, JsonElement> actual)
    {
        expected ??= new Dictionary<string, JsonElement>();
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, value) in expected)
        {
            Assert.True(JsonElement.DeepEquals(value, actual[name]), $"Property '{name}': expected {value.GetRawText()}, got {actual[name].GetRawText()}");
        }
    }

    protected static List<string> Ids(IEnumerable<Node> nodes) => nodes.Select(n => n.Id).Order(StringComparer.Ordinal).ToList();

    protected static List<string> Ids(IEnumerable<Relationship> relationships) =>
        relationships.Select(r => r.Id).Order(StringComparer.Ordinal).ToList();

    protected static List<string> Sorted(params string[] ids) => ids.Order(StringComparer.Ordinal).ToList();

    protected static DateOnly Day(string text) => DateOnly.ParseExact(text, GraphDates.DateFormat, System.Globalization.CultureInfo.InvariantCulture);
}
