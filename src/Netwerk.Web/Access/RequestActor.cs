using Netwerk.Core.Storage;

namespace Netwerk.Web.Access;

/// <summary>The store records the signed-in account of the current request as the actor of each change; outside requests, the system.</summary>
public sealed class RequestActor(IHttpContextAccessor http) : IActorContext
{
    public string? Actor => http.HttpContext?.Account()?.Id;
}
