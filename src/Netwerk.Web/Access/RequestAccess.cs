using Netwerk.Core.Accounts;
using Netwerk.Core.Graph;
using Netwerk.Web.Http;
using Netwerk.Web.Problems;

namespace Netwerk.Web.Access;

/// <summary>
/// What the request's account may see and change, per werkingsgebied. Endpoints call it once they know the region
/// or the item: a region without a grant is refused (403); an item outside the account's regions reads as
/// "not found" (its existence is not revealed) and cannot be changed (403).
/// An account with a grant on every region ("*") skips the membership work entirely.
/// </summary>
public sealed class RequestAccess(IHttpContextAccessor http, RegionMembership membership)
{
    private HttpContext Context => http.HttpContext ?? throw new InvalidOperationException("No request.");

    /// <summary>The signed-in account; the authorization policies guarantee one on every protected endpoint.</summary>
    public Account Account => Context.Account() ?? throw new RequestProblemException(StatusCodes.Status401Unauthorized, "unauthenticated");

    /// <summary>Refuses (403) unless the account has <paramref name="role"/> in the region, or everywhere when no region is named.</summary>
    public void RequireRegion(string? regionId, Role role)
    {
        if (!MayView(Account, regionId, role)) throw Forbidden(string.IsNullOrEmpty(regionId) ? "whole-graph-forbidden" : "region-forbidden");
    }

    /// <summary>Whether the account has <paramref name="role"/> in the region, or everywhere when no region is named.</summary>
    public static bool MayView(Account account, string? regionId, Role role) =>
        string.IsNullOrEmpty(regionId) ? account.HasEverywhere(role) : account.RoleIn(regionId) >= role;

    /// <summary>A predicate over node ids for what the account may see, or null when it sees everything.</summary>
    public Task<Func<string, bool>?> VisibleAsync(CancellationToken ct) => VisibleToAsync(Account, membership, ct);

    /// <summary>What <paramref name="account"/> may see, for work done on its behalf without a request of its own (a calendar feed).</summary>
    public static async Task<Func<string, bool>?> VisibleToAsync(Account account, RegionMembership membership, CancellationToken ct)
    {
        if (account.SeesAllRegions) return null;
        var snapshot = await membership.CurrentAsync(ct);
        var regions = account.RegionsWith(Role.Viewer);
        return id => snapshot.InNoRegion(id) || regions.Any(r => snapshot.InRegion(r, id));
    }

    /// <summary>Throws "not found" for a node outside the account's regions.</summary>
    public async Task EnsureVisibleAsync(string nodeId, CancellationToken ct)
    {
        if (await VisibleAsync(ct) is { } visible && !visible(nodeId)) throw new GraphItemNotFoundException(ChangeEntity.Node, nodeId);
    }

    /// <summary>Refuses (403) a change to a node outside the regions where the account is regisseur.</summary>
    public async Task EnsureWritableAsync(string nodeId, CancellationToken ct)
    {
        if (!await WritableAsync(nodeId, ct)) throw Forbidden("outside-werkingsgebied");
    }

    /// <summary>A relationship may be changed when at least one end is the account's to change (so a new organisation can be tied to a municipality of the region).</summary>
    public async Task EnsureWritableAsync(string fromId, string toId, CancellationToken ct)
    {
        if (!await WritableAsync(fromId, ct) && !await WritableAsync(toId, ct)) throw Forbidden("outside-werkingsgebied");
    }

    /// <summary>
    /// Refuses (403) planning a meeting unless the account is organiser (or regisseur) where the meeting lives: in a
    /// region of one of its <paramref name="anchors"/> (the meeting itself, its platform, its organisers), or anywhere
    /// when none of them lies in a region yet (a new meeting without a platform is everyone's to plan).
    /// </summary>
    public async Task EnsurePlannableAsync(IReadOnlyCollection<string> anchors, CancellationToken ct)
    {
        var account = Account;
        if (account.HasEverywhere(Role.Organiser)) return;
        var regions = account.RegionsWith(Role.Organiser);
        if (regions.Count == 0) throw Forbidden("outside-werkingsgebied");
        var snapshot = await membership.CurrentAsync(ct);
        var placed = anchors.Where(a => !snapshot.InNoRegion(a)).ToList();
        if (placed.Count == 0 || placed.Any(a => regions.Any(r => snapshot.InRegion(r, a)))) return;
        throw Forbidden("outside-werkingsgebied-planning");
    }

    private async Task<bool> WritableAsync(string nodeId, CancellationToken ct)
    {
        var account = Account;
        if (account.HasEverywhere(Role.Regisseur)) return true;
        var regions = account.RegionsWith(Role.Regisseur);
        if (regions.Count == 0) return false;
        var snapshot = await membership.CurrentAsync(ct);
        return snapshot.InNoRegion(nodeId) || regions.Any(r => snapshot.InRegion(r, nodeId));
    }

    private RequestProblemException Forbidden(string code) => new(StatusCodes.Status403Forbidden, code, detail: ForbiddenDetail(code, RequestLanguage.Of(Context)));

    private static string ForbiddenDetail(string code, string language) => (code, language) switch
    {
        ("whole-graph-forbidden", "en") => "The whole network is only open to accounts with a role in every region; choose one of your regions.",
        ("whole-graph-forbidden", _) => "Het hele netwerk is enkel open voor wie een rol heeft in alle werkingsgebieden; kies een van je werkingsgebieden.",
        ("region-forbidden", "en") => "You have no role in this region.",
        ("region-forbidden", _) => "Je hebt geen rol in dit werkingsgebied.",
        ("outside-werkingsgebied", "en") => "This item lies outside the regions where you are regisseur.",
        ("outside-werkingsgebied", _) => "Dit ligt buiten de werkingsgebieden waar je regisseur bent.",
        ("outside-werkingsgebied-planning", "en") => "This meeting lies outside the regions where you are organiser.",
        ("outside-werkingsgebied-planning", _) => "Deze activiteit ligt buiten de werkingsgebieden waar je organisator bent.",
        (_, "en") => "You may not do this.",
        _ => "Dit mag je niet doen.",
    };
}
