using System.Security.Claims;
using Netwerk.Core.Accounts;

namespace Netwerk.Web.Access;

/// <summary>
/// The signed-in account of a request. A session or token carries only the account id; the account itself
/// (with its current grants) is loaded on every request, so a changed role or a deleted account takes effect at once.
/// </summary>
public static class Principals
{
    public const string AccountIdClaim = "sub";
    private const string AccountItem = "netwerk.account";

    /// <summary>The account that the bootstrap token acts as: regisseur of every region, not stored.</summary>
    public static readonly Account Bootstrap = new()
    {
        Id = "bootstrap", Email = "bootstrap@localhost", Name = "Bootstrap-token",
        Grants = [new RoleGrant(Role.Regisseur, RoleGrant.AllRegions)], CreatedAt = DateTimeOffset.UnixEpoch,
    };

    public static ClaimsPrincipal For(Account account, string authenticationType) => new(new ClaimsIdentity(
        [new Claim(AccountIdClaim, account.Id), new Claim(ClaimTypes.Name, account.Name), new Claim(ClaimTypes.Email, account.Email)],
        authenticationType, ClaimTypes.Name, ClaimTypes.Role));

    public static string? AccountId(this ClaimsPrincipal principal) => principal.FindFirstValue(AccountIdClaim);

    internal static void SetAccount(this HttpContext context, Account account) => context.Items[AccountItem] = account;

    /// <summary>The request's account, or null when nobody is signed in.</summary>
    public static Account? Account(this HttpContext context) => context.Items[AccountItem] as Account;
}
