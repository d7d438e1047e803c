using Microsoft.AspNetCore.Http.HttpResults;
using Netwerk.Core.Accounts;
using Netwerk.Core.Schema;
using Netwerk.Core.Storage;
using Netwerk.Web.Http;
using Netwerk.Web.Problems;

namespace Netwerk.Web.Access;

public sealed record AccountResponse(string Id, string Email, string Name, string Language, IReadOnlyList<RoleGrant> Grants, DateTimeOffset CreatedAt, DateTimeOffset? LastSignInAt)
{
    public static AccountResponse From(Account a) => new(a.Id, a.Email, a.Name, a.Language, a.Grants, a.CreatedAt, a.LastSignInAt);
}

/// <summary>
/// Accounts and API tokens, managed by regisseurs. A regisseur manages the accounts whose every grant lies in
/// regions where they are regisseur, and can only grant roles there; a grant on every region ("*") takes a
/// regisseur of every region.
/// </summary>
public static class AccountEndpoints
{
    public sealed record AccountRequest(string? Email, string? Name, string? Language, IReadOnlyList<RoleGrant>? Grants);

    public sealed record TokenRequest(string? Name);

    public sealed record CreatedToken(ApiToken Token, string Secret);

    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        var accounts = app.MapGroup("/api/accounts").WithTags("Accounts").RequireAuthorization(RolePolicies.Regisseur)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden);
        accounts.MapGet("/", List).WithSummary("The accounts this regisseur manages.");
        accounts.MapPost("/", Create).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        accounts.MapPut("/{id}", Update).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        accounts.MapDelete("/{id}", Delete).ProducesProblem(StatusCodes.Status404NotFound);

        var tokens = app.MapGroup("/api/tokens").WithTags("Accounts").RequireAuthorization(RolePolicies.Regisseur)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden);
        tokens.MapGet("/", ListTokens).WithSummary("The caller's API tokens (all tokens for a regisseur of every region); never the secrets.");
        tokens.MapPost("/", CreateToken).ProducesValidationProblem()
            .WithSummary("Creates an API token acting as the caller; the secret is in this answer only.");
        tokens.MapDelete("/{id}", RevokeToken).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Ok<List<AccountResponse>>> List(IAccountStore store, RequestAccess access, CancellationToken ct) =>
        TypedResults.Ok((await store.ListAsync(ct)).Where(a => Manages(access.Account, a.Grants)).Select(AccountResponse.From).ToList());

    private static async Task<Created<AccountResponse>> Create(AccountRequest request, IAccountStore store, IGraphStore graph, RequestAccess access, HttpContext http, CancellationToken ct)
    {
        var draft = await ValidDraft(request, graph, ct);
        EnsureManages(access, http, draft.Grants);
        var account = await Store(() => store.CreateAsync(draft, ct), http);
        return TypedResults.Created($"/api/accounts/{account.Id}", AccountResponse.From(account));
    }

    private static async Task<Ok<AccountResponse>> Update(string id, AccountRequest request, IAccountStore store, IGraphStore graph, RequestAccess access, HttpContext http, CancellationToken ct)
    {
        var current = await Managed(id, store, access, ct);
        var draft = await ValidDraft(request, graph, ct);
        EnsureManages(access, http, draft.Grants);
        var updated = await Store(() => store.UpdateAsync(current.Id, draft, ct), http) ?? throw NotFound(id);
        return TypedResults.Ok(AccountResponse.From(updated));
    }

    private static async Task<NoContent> Delete(string id, IAccountStore store, RequestAccess access, HttpContext http, CancellationToken ct)
    {
        var account = await Managed(id, store, access, ct);
        if (account.Id == access.Account.Id)
        {
            throw new RequestProblemException(StatusCodes.Status400BadRequest, "delete-self", detail: RequestLanguage.Of(http) == "en"
                ? "You cannot delete your own account; ask another regisseur." : "Je kan je eigen account niet verwijderen; vraag het een andere regisseur.");
        }
        await store.DeleteAsync(account.Id, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<IReadOnlyList<ApiToken>>> ListTokens(IAccountStore store, RequestAccess access, CancellationToken ct) =>
        TypedResults.Ok(await store.ListApiTokensAsync(access.Account.HasEverywhere(Role.Regisseur) ? null : access.Account.Id, ct));

    private static async Task<Created<CreatedToken>> CreateToken(TokenRequest request, IAccountStore store, RequestAccess access, HttpContext http, CancellationToken ct)
    {
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name)) throw RequestProblemException.Invalid(new ValidationError("name", "required"));
        if (name.Length > 100) throw RequestProblemException.Invalid(new ValidationError("name", "too-long", "100"));
        if (access.Account.Id == Principals.Bootstrap.Id)
        {
            throw new RequestProblemException(StatusCodes.Status400BadRequest, "bootstrap-owns-nothing", detail: RequestLanguage.Of(http) == "en"
                ? "The bootstrap token cannot own API tokens: create an account, sign in and create the token there."
                : "Het bootstrap-token kan geen API-tokens bezitten: maak een account, meld je aan en maak het token daar.");
        }
        var secret = Secrets.NewApiToken();
        var token = await store.CreateApiTokenAsync(access.Account.Id, name, Secrets.Hash(secret), ct);
        return TypedResults.Created($"/api/tokens/{token.Id}", new CreatedToken(token, secret));
    }

    private static async Task<NoContent> RevokeToken(string id, IAccountStore store, RequestAccess access, TimeProvider time, CancellationToken ct)
    {
        var token = await store.GetApiTokenAsync(id, ct);
        if (token is null || (token.AccountId != access.Account.Id && !access.Account.HasEverywhere(Role.Regisseur)))
            throw new RequestProblemException(StatusCodes.Status404NotFound, "not-found", detail: $"Token '{id}' bestaat niet.");
        await store.RevokeApiTokenAsync(id, time.GetUtcNow(), ct);
        return TypedResults.NoContent();
    }

    /// <summary>Whether <paramref name="manager"/> may manage an account with these grants.</summary>
    private static bool Manages(Account manager, IReadOnlyList<RoleGrant> grants) =>
        manager.HasEverywhere(Role.Regisseur) || (grants.Count > 0 && grants.All(g => !g.CoversAllRegions && manager.RoleIn(g.Region) == Role.Regisseur));

    private static void EnsureManages(RequestAccess access, HttpContext http, IReadOnlyList<RoleGrant> grants)
    {
        if (Manages(access.Account, grants)) return;
        throw new RequestProblemException(StatusCodes.Status403Forbidden, "grant-forbidden", detail: RequestLanguage.Of(http) == "en"
            ? "You can only grant roles in regions where you are regisseur."
            : "Je kan enkel rollen toekennen in werkingsgebieden waar je regisseur bent.");
    }

    private static async Task<Account> Managed(string id, IAccountStore store, RequestAccess access, CancellationToken ct)
    {
        var account = await store.GetAsync(id, ct);
        // Accounts outside the caller's reach read as unknown.
        return account is not null && Manages(access.Account, account.Grants) ? account : throw NotFound(id);
    }

    private static RequestProblemException NotFound(string id) =>
        new(StatusCodes.Status404NotFound, "not-found", detail: $"Account '{id}' bestaat niet.");

    private static async Task<T> Store<T>(Func<Task<T>> write, HttpContext http)
    {
        try
        {
            return await write();
        }
        catch (DuplicateAccountException e)
        {
            throw new RequestProblemException(StatusCodes.Status409Conflict, "duplicate-account", detail: RequestLanguage.Of(http) == "en"
                ? $"An account for {e.Email} exists already." : $"Er bestaat al een account voor {e.Email}.");
        }
    }

    private static async Task<AccountDraft> ValidDraft(AccountRequest request, IGraphStore graph, CancellationToken ct)
    {
        var errors = new List<ValidationError>();
        var email = request.Email?.Trim() ?? "";
        var name = request.Name?.Trim() ?? "";
        var language = string.IsNullOrWhiteSpace(request.Language) ? "nl" : request.Language.Trim();
        if (email.Length == 0) errors.Add(new ValidationError("email", "required"));
        else if (!EmailAddresses.IsValid(email)) errors.Add(new ValidationError("email", "bad-email"));
        if (name.Length == 0) errors.Add(new ValidationError("name", "required"));
        else if (name.Length > 200) errors.Add(new ValidationError("name", "too-long", "200"));
        if (language is not ("nl" or "en")) errors.Add(new ValidationError("language", "not-allowed", language, "nl, en"));
        var grants = request.Grants ?? [];
        if (grants.Count == 0) errors.Add(new ValidationError("grants", "required"));
        for (var i = 0; i < grants.Count; i++)
        {
            var grant = grants[i];
            if (grant is null || !Enum.IsDefined(grant.Role)) errors.Add(new ValidationError($"grants[{i}].role", "not-allowed", grant?.Role.ToString() ?? "", "viewer, organiser, regisseur"));
            else if (!grant.CoversAllRegions && (await graph.GetNodeAsync(grant.Region ?? "", ct))?.Kind != RegionScope.RegionKind)
                errors.Add(new ValidationError($"grants[{i}].region", "unknown-region", grant.Region ?? ""));
        }
        if (errors.Count > 0) throw RequestProblemException.Invalid([.. errors]);
        return new AccountDraft { Email = email, Name = name, Language = language, Grants = grants.Distinct().ToList() };
    }
}
