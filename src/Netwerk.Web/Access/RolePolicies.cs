using Microsoft.AspNetCore.Authorization;
using Netwerk.Core.Accounts;

namespace Netwerk.Web.Access;

/// <summary>
/// Authorization policies by minimum role (in some region). Which region a request concerns is checked by
/// <see cref="RequestAccess"/> in the handler, once it knows the region or item.
/// </summary>
public static class RolePolicies
{
    public const string Viewer = "viewer";
    public const string Organiser = "organiser";
    public const string Regisseur = "regisseur";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Viewer, Policy(Role.Viewer));
        options.AddPolicy(Organiser, Policy(Role.Organiser));
        options.AddPolicy(Regisseur, Policy(Role.Regisseur));
        // An endpoint that names no policy needs a viewer at least: a new endpoint cannot be forgotten open.
        options.FallbackPolicy = Policy(Role.Viewer);
    }

    private static AuthorizationPolicy Policy(Role role) =>
        new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(new MinimumRole(role)).Build();

    public sealed record MinimumRole(Role Role) : IAuthorizationRequirement;

    public sealed class MinimumRoleHandler(IHttpContextAccessor http) : AuthorizationHandler<MinimumRole>
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, MinimumRole requirement)
        {
            var account = (context.Resource as HttpContext ?? http.HttpContext)?.Account();
            if (account?.HighestRole >= requirement.Role) context.Succeed(requirement);
            return Task.CompletedTask;
        }
    }
}
