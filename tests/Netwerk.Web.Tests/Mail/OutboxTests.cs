using System.Text;
using System.Text.RegularExpressions;
using MimeKit;
using Netwerk.Web.Mail;

namespace Netwerk.Web.Tests.Mail;

/// <summary>Without an SMTP host, mail becomes .eml files in the outbox folder; erasure removes a person's files.</summary>
public sealed partial class OutboxTests
{
    [Fact]
    public async Task Without_smtp_host_mail_is_written_to_the_outbox_as_a_complete_eml_file()
    {
        using var services = new MailServices();
        var message = SmtpMailSenderTests.Message("Uitnodiging: Ölçek-overleg met Zoë");

        var delivery = await services.Sender.SendAsync(message, TestContext.Current.CancellationToken);

        Assert.Equal(MailRoute.Outbox, delivery.Route);
        var outbox = Path.Combine(services.ContentRoot, "data", "outbox");
        Assert.Equal(outbox, Path.GetDirectoryName(delivery.FilePath));
        Assert.Matches(FileName(), Path.GetFileName(delivery.FilePath));
        Assert.Equal([delivery.FilePath!], Directory.GetFiles(outbox)); // no temporary file left behind
        var bytes = await File.ReadAllBytesAsync(delivery.FilePath!, TestContext.Current.CancellationToken);
        Assert.DoesNotMatch("[^\r]\n", Encoding.ASCII.GetString(bytes)); // CRLF line ends, as RFC 5322 has them
        var written = await MimeMessage.LoadAsync(new MemoryStream(bytes), TestContext.Current.CancellationToken);
        Assert.Equal("Uitnodiging: Ölçek-overleg met Zoë", written.Subject);
        Assert.Equal(delivery.MessageId, written.MessageId);
        Assert.Equal("Zoë Vandenberghe", written.To.Mailboxes.Single().Name);
        Assert.Equal("netwerk@localhost", written.From.Mailboxes.Single().Address); // no Smtp:From configured
        Assert.Contains("Dag Zoë", written.TextBody);
    }

    [Fact]
    public async Task Configured_sender_and_outbox_path_are_used_and_the_path_is_resolved_against_the_content_root()
    {
        using var services = new MailServices(new Dictionary<string, string?>
        {
            ["Smtp:From"] = "Netwerk W13 <netwerk@w13.example.org>",
            ["Smtp:OutboxPath"] = "mail/uit",
        });

        var delivery = await services.Sender.SendAsync(SmtpMailSenderTests.Message("Pad"), TestContext.Current.CancellationToken);

        Assert.StartsWith(Path.Combine(services.ContentRoot, "mail", "uit") + Path.DirectorySeparatorChar, delivery.FilePath);
        var written = await MimeMessage.LoadAsync(delivery.FilePath!, TestContext.Current.CancellationToken);
        var from = written.From.Mailboxes.Single();
        Assert.Equal(("Netwerk W13", "netwerk@w13.example.org"), (from.Name, from.Address));
    }

    [Fact]
    public async Task Message_without_recipients_is_refused_permanently()
    {
        using var services = new MailServices();
        var message = new MimeMessage { Subject = "Aan niemand", Body = new TextPart("plain") { Text = "?" } };

        var failure = await Assert.ThrowsAsync<MailDeliveryException>(() => services.Sender.SendAsync(message, TestContext.Current.CancellationToken));

        Assert.Equal(MailFailure.Unsendable, failure.Failure);
        Assert.True(failure.Permanent);
        Assert.False(Directory.Exists(services.Outbox.FolderPath) && Directory.EnumerateFiles(services.Outbox.FolderPath).Any());
    }

    [Fact]
    public async Task RemoveOutboxFilesFor_removes_exactly_the_files_addressed_to_that_person()
    {
        using var services = new MailServices();
        var ct = TestContext.Current.CancellationToken;
        var zoe = new MailboxAddress("Zoë Vandenberghe", "zoe@example.org");
        var pieter = new MailboxAddress("Pieter Claes", "pieter@example.org");

        var to = await Send(services, "Aan Zoë", m => m.To.Add(zoe));
        var cc = await Send(services, "Cc Zoë", m => { m.To.Add(pieter); m.Cc.Add(new MailboxAddress("Zoë", "ZOE@Example.ORG")); });
        var bcc = await Send(services, "Bcc Zoë", m => { m.To.Add(pieter); m.Bcc.Add(zoe); });
        var group = await Send(services, "Groep", m => m.To.Add(new GroupAddress("Lerend netwerk", [pieter, zoe])));
        // Her address in subject, body and a display name is not an addressee: string search would wrongly remove these.
        var mentioned = await Send(services, "Over zoe@example.org", m =>
        {
            m.To.Add(new MailboxAddress("zoe@example.org (oud adres)", "pieter@example.org"));
            m.Body = new TextPart("plain") { Text = "Zoë (zoe@example.org) komt niet." };
        });
        var similar = await Send(services, "Andere Zoë", m => m.To.Add(new MailboxAddress("Zoë", "zoe@example.org.be")));
        var notMail = Path.Combine(services.Outbox.FolderPath, "notities.txt");
        await File.WriteAllTextAsync(notMail, "To: zoe@example.org", ct);

        var removed = await services.Outbox.RemoveOutboxFilesFor(" zoe@example.org ", ct);

        Assert.Equal(4, removed);
        Assert.All([to, cc, bcc, group], path => Assert.False(File.Exists(path), path));
        Assert.All([mentioned, similar, notMail], path => Assert.True(File.Exists(path), path));
        Assert.Equal(0, await services.Outbox.RemoveOutboxFilesFor("zoe@example.org", ct));
    }

    [Fact]
    public async Task Erasure_before_anything_was_written_removes_nothing()
    {
        using var services = new MailServices();

        Assert.Equal(0, await services.Outbox.RemoveOutboxFilesFor("zoe@example.org", TestContext.Current.CancellationToken));
    }

    private static async Task<string> Send(MailServices services, string subject, Action<MimeMessage> address)
    {
        var message = new MimeMessage { Subject = subject, Body = new TextPart("plain") { Text = subject } };
        address(message);
        var delivery = await services.Sender.SendAsync(message, TestContext.Current.CancellationToken);
        return delivery.FilePath!;
    }

    [GeneratedRegex(@"^\d{8}-\d{6}-[A-Za-z0-9._-]+\.eml$")]
    private static partial Regex FileName();
}
