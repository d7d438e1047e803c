using Netwerk.Web.Tests.Invitations.Sending;

namespace Netwerk.Web.Tests.Jobs;

/// <summary>
/// Hangfire keeps some configuration process-wide. Two Netwerk apps in one process (every test run) must not reach
/// into each other through it: an app that stopped must not break the background jobs of one still running.
/// </summary>
public sealed class JobsInOneProcessTests
{
    [Fact]
    public async Task An_app_queues_and_delivers_after_another_app_in_the_process_stopped()
    {
        using var running = new NetwerkServer();
        using (new NetwerkServer()) { } // started after the first, so Hangfire's statics were last set by it, then stopped

        var scenario = await SendingScenario.CreateAsync(running.Http, 2);
        var summary = await scenario.SendInvitationsAsync(running.Http);

        Assert.Equal(2, summary.GetProperty("queued").GetInt32());
        await scenario.WaitForDeliveryAsync(running.Http, i => i.GetProperty("delivery").GetString() == "sent");
        Assert.Equal(2, Directory.GetFiles(running.OutboxPath, "*.eml").Length);
    }
}
