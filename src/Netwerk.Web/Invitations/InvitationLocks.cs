namespace Netwerk.Web.Invitations;

/// <summary>
/// Keeps the jobs of one invitee of one meeting from running side by side in this process (a job enqueued twice, a
/// retry meeting a re-send): the second one waits, then finds the message delivered. Striped, so memory stays fixed.
/// </summary>
public sealed class InvitationLocks : IDisposable
{
    private readonly SemaphoreSlim[] _stripes = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    public async Task<IDisposable> HoldAsync(string meetingId, string personId, CancellationToken ct)
    {
        var stripe = _stripes[(int)((uint)HashCode.Combine(string.GetHashCode(meetingId, StringComparison.Ordinal), string.GetHashCode(personId, StringComparison.Ordinal)) % (uint)_stripes.Length)];
        await stripe.WaitAsync(ct);
        return new Held(stripe);
    }

    public void Dispose()
    {
        foreach (var stripe in _stripes) stripe.Dispose();
    }

    private sealed class Held(SemaphoreSlim stripe) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) stripe.Release();
        }
    }
}
