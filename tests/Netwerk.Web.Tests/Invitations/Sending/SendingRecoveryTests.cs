using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Netwerk.Web.Tests.Mail;

namespace Netwerk.Web.Tests.Invitations.Sending;

/// <summary>
/// The invitation state in the graph store is the outbox: Hangfire's jobs live in memory and die with the process,
/// the marks in the store do not. A restart (two app instances on one SQLite file) or a crash (a real process,
/// killed mid-send) loses no invitation and sends none twice.
/// </summary>
public sealed class SendingRecoveryTests(MailDevServer maildev) : IClassFixture<MailDevServer>, IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("netwerk-sending-recovery");

    private string Database => Path.Combine(_directory.FullName, "netwerk.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { _directory.Delete(recursive: true); } catch (IOException) { } // best effort: a temp folder
    }

    [Fact]
    public async Task With_the_mail_server_down_invitations_stay_queued_and_the_next_start_delivers_them()
    {
        SendingScenario scenario;
        var down = SendingScenario.Settings(maildev, ("Storage:Sqlite:Path", Database), ("Smtp:Port", ClosedPort().ToString()), ("Hangfire:RetryAttempts", "20"));
        using (var first = new NetwerkServer(settings: down))
        {
            scenario = await SendingScenario.CreateAsync(first.Http, 3);
            await scenario.SendInvitationsAsync(first.Http);

            // Tried, refused (connection refused is transient), still queued with the reason for the organiser.
            var listing = await scenario.WaitForDeliveryAsync(first.Http, i => i.TryGetProperty("failure", out var f) && f.GetString()!.Contains("onbereikbaar"));
            Assert.All(listing.GetProperty("invitations").EnumerateArray(), i => Assert.Equal("queued", i.GetProperty("delivery").GetString()));
            Assert.Empty(await scenario.MailsAsync(maildev, 0));
        }

        using var second = new NetwerkServer(settings: SendingScenario.Settings(maildev, ("Storage:Sqlite:Path", Database)));
        var delivered = await scenario.WaitForDeliveryAsync(second.Http, i => i.GetProperty("delivery").GetString() == "sent");

        Assert.All(delivered.GetProperty("invitations").EnumerateArray(), i => Assert.False(i.TryGetProperty("failure", out _)));
        await Task.Delay(1000);
        var mails = await scenario.MailsAsync(maildev, 3);
        Assert.Equal(scenario.Emails.Order(), mails.Select(m => m.To).Order());
    }

    /// <summary>
    /// "Sent" is recorded at the commit point, just before the end of the data goes out (see IMailSender), so nothing the
    /// server took is sent again after the crash, and a message cut off before its end is sent after the restart.
    /// Exactly once over SMTP cannot be guaranteed in theory: a kill in the instant between that record reaching the
    /// file and the last bytes reaching the socket loses the message. That instant is tens of microseconds (the store
    /// commits without fsync, see SqlSession), against a hundred milliseconds or more per message and worker here.
    /// </summary>
    [Fact]
    public async Task A_process_killed_while_sending_500_invitations_sends_none_twice_after_its_restart()
    {
        const int count = 500;
        const int workers = 4;
        // The killed process's claims on the messages it was sending run out after ClaimLease; then the restarted one sends them.
        var settings = SendingScenario.Settings(maildev, ("Invitations:ReminderBefore", "00:00:00"), ("Hangfire:WorkerCount", workers.ToString()),
            ("Invitations:ClaimLease", "00:00:05"));
        SendingScenario scenario;
        int beforeKill;
        using (var first = NetwerkProcess.Start(Database, settings))
        {
            await first.WaitUntilHealthy();
            scenario = await SendingScenario.CreateAsync(first.Http, count);
            var summary = await scenario.SendInvitationsAsync(first.Http);
            Assert.Equal(count, summary.GetProperty("queued").GetInt32());

            // Let it get well into the batch, then pull the plug.
            var clock = Stopwatch.StartNew();
            while ((beforeKill = (await scenario.MailsAsync(maildev, 0)).Count) < count / 4 && clock.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(20);
            first.Kill();
        }
        Assert.InRange(beforeKill, count / 4, count - 1);

        using var second = NetwerkProcess.Start(Database, settings);
        await second.WaitUntilHealthy();
        var listing = await scenario.WaitForDeliveryAsync(second.Http, i => i.GetProperty("delivery").GetString() == "sent", TimeSpan.FromSeconds(180));

        await Task.Delay(1500); // maildev stores a message just after its 250
        var mails = await scenario.MailsAsync(maildev, count);
        var byRecipient = mails.GroupBy(m => m.To, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.OrdinalIgnoreCase);
        var missing = scenario.Emails.Where(e => !byRecipient.ContainsKey(e)).ToList();
        var twice = byRecipient.Where(r => r.Value.Count > 1).Select(r => $"{r.Key} ×{r.Value.Count}").ToList();
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{beforeKill} of {count} mails had arrived at the kill; {mails.Count} arrived in all; {twice.Count} twice; {missing.Count} lost in flight.");
        Assert.True(twice.Count == 0, $"Sent more than once: {string.Join(", ", twice)}");
        Assert.True(missing.Count == 0, $"Lost: {string.Join(", ", missing)}");
        // What arrived carries the Message-Id the store recorded for that invitee.
        var recorded = listing.GetProperty("invitations").EnumerateArray().ToDictionary(i => i.GetProperty("email").GetString()!, i => i.GetProperty("messageId").GetString(), StringComparer.OrdinalIgnoreCase);
        Assert.All(byRecipient, r => Assert.Equal(recorded[r.Key], Assert.Single(r.Value).MessageId));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
