using Microsoft.Extensions.Options;
using Netwerk.Core.Storage;
using Netwerk.Web.ScaleOut;

namespace Netwerk.Web.Invitations;

/// <summary>What a claim found: it is ours now, someone else's (until when), or there is nothing left to do.</summary>
public sealed record InvitationClaim(Invited? Claimed, DateTimeOffset? ElsewhereUntil);

/// <summary>
/// Exactly one sender per invitation across app instances. Hangfire runs a job at least once, and with shared job storage
/// (or two instances re-enqueueing the store's outbox at start) two instances may run jobs for the same person at the same
/// time; <see cref="InvitationLocks"/> only keeps them apart within one process. Before it sends, a job writes its
/// instance and a lease (<c>claimedBy</c>, <c>claimedUntil</c>) on the INVITED relationship with the version it read:
/// the store's optimistic versions make that a compare-and-set, so of two instances racing exactly one wins, and the
/// other sees the claim and steps back. The claim is cleared with the "sent" record (or on failure); a claim left by an
/// instance that died runs out after <c>Invitations:ClaimLease</c>, and the outbox sweep hands the invitation on.
/// </summary>
public sealed class InvitationClaims(IGraphStore store, NetwerkInstance instance, IOptions<InvitationOptions> options, TimeProvider clock)
{
    public static readonly (string Name, object? Value)[] Cleared = [("claimedBy", null), ("claimedUntil", null)];

    public string Instance => instance.Id;

    /// <summary>Claims the invitation while <paramref name="stillToDo"/> holds for it.</summary>
    public async Task<InvitationClaim> ClaimAsync(string invitedId, Func<Invited, bool> stillToDo, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var until = now + options.Value.ClaimLease;
        DateTimeOffset? elsewhere = null;
        var claimed = false;
        var written = await Invited.UpdateAsync(store, invitedId, current =>
        {
            (elsewhere, claimed) = (null, false);
            if (!stillToDo(current)) return null;
            if (current.ClaimedElsewhere(instance.Id, now))
            {
                elsewhere = current.ClaimedUntil;
                return null;
            }
            claimed = true;
            return current.With(("claimedBy", instance.Id), ("claimedUntil", Invited.Format(until)));
        }, ct);
        return new InvitationClaim(claimed ? written : null, elsewhere);
    }

    /// <summary>Gives up this instance's claim, if it still has one (the "sent" record clears it by itself).</summary>
    public Task ReleaseAsync(string invitedId) =>
        Invited.UpdateAsync(store, invitedId, current => current.ClaimedBy == instance.Id ? current.With(Cleared) : null, CancellationToken.None);
}
