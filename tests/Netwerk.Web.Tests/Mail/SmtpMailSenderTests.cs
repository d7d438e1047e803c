using System.Text;
using System.Text.Json;
using MimeKit;
using Netwerk.Web.Mail;

namespace Netwerk.Web.Tests.Mail;

/// <summary>Sending through a real SMTP server (maildev), and the refusals that server really gives.</summary>
public sealed class SmtpMailSenderTests(MailDevServer maildev) : IClassFixture<MailDevServer>
{
    [Fact]
    public async Task Mail_sent_over_smtp_arrives_with_subject_addresses_and_accents_intact()
    {
        using var services = new MailServices(maildev.Settings());
        var subject = $"Uitnodiging: Ölçek-overleg met Zoë ({Guid.NewGuid():N})";
        var message = Message(subject);
        message.Cc.Add(new MailboxAddress("Ölçek Yılmaz", "olcek@example.org"));

        var delivery = await services.Sender.SendAsync(message, TestContext.Current.CancellationToken);

        Assert.Equal(MailRoute.Smtp, delivery.Route);
        Assert.Null(delivery.FilePath);
        Assert.False(string.IsNullOrEmpty(delivery.ServerResponse));
        // maildev decodes the headers with its own parser: a second, independent reading of what went over the wire.
        var received = await maildev.Received(subject);
        Assert.Equal("zoe@example.org", received.GetProperty("to")[0].GetProperty("address").GetString());
        Assert.Equal("Zoë Vandenberghe", received.GetProperty("to")[0].GetProperty("name").GetString());
        Assert.Equal("Netwerk Zuid-West-Vlaanderen", received.GetProperty("from")[0].GetProperty("name").GetString());
        Assert.Equal("netwerk@w13.example.org", received.GetProperty("from")[0].GetProperty("address").GetString());

        var raw = await maildev.Source(received.GetProperty("id").GetString()!);
        var text = Encoding.UTF8.GetString(raw);
        var headerSection = text[..text.IndexOf("\r\n\r\n", StringComparison.Ordinal)];
        Assert.True(headerSection.All(char.IsAscii), "headers must be 7-bit, with accents encoded per RFC 2047:\n" + headerSection);
        Assert.Contains("=?utf-8?", headerSection, StringComparison.OrdinalIgnoreCase);
        // maildev offers 8BITMIME, so the body travels as UTF-8 bytes, not mangled to Latin-1 or question marks.
        Assert.Contains("Content-Type: text/plain; charset=utf-8", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Dag Zoë, welkom op het Ölçek-overleg.", text);
        Assert.DoesNotContain("Ã", text);
        var arrived = await MimeMessage.LoadAsync(new MemoryStream(raw), TestContext.Current.CancellationToken);
        Assert.Equal(subject, arrived.Subject);
        Assert.Equal(delivery.MessageId, arrived.MessageId);
        Assert.Equal("Zoë Vandenberghe", arrived.To.Mailboxes.Single().Name);
        Assert.Equal("Ölçek Yılmaz", arrived.Cc.Mailboxes.Single().Name);
        Assert.Equal("Netwerk Zuid-West-Vlaanderen", arrived.From.Mailboxes.Single().Name);
        Assert.Contains("Dag Zoë, welkom op het Ölçek-overleg.", arrived.TextBody);
        Assert.Contains("<p>Dag Zoë, welkom op het Ölçek-overleg.</p>", arrived.HtmlBody);
    }

    [Fact]
    public async Task Wrong_password_is_a_permanent_authentication_failure()
    {
        var failure = await MailServices.Refusal(maildev.Settings(password: "niet-het-wachtwoord"), Message("Fout wachtwoord"));

        Assert.Equal(MailFailure.AuthenticationFailed, failure.Failure);
        Assert.True(failure.Permanent);
        Assert.Equal(535, failure.SmtpStatusCode);
        Assert.Contains("Smtp:Username", failure.Message);
    }

    [Fact]
    public async Task Server_that_requires_a_login_when_none_is_configured_is_a_permanent_failure()
    {
        var failure = await MailServices.Refusal(maildev.Settings(authenticate: false), Message("Geen login"));

        Assert.Equal(MailFailure.AuthenticationRequired, failure.Failure);
        Assert.True(failure.Permanent);
    }

    [Fact]
    public async Task Recipient_the_server_refuses_is_a_permanent_failure_naming_the_address()
    {
        var message = Message("Onbestelbaar");
        // MimeKit accepts a 250-character local part; maildev's SMTP server refuses a path over 253 octets (RFC 5321).
        var refused = new string('z', 250) + "@example.org";
        message.To.Add(new MailboxAddress("Te lang", refused));
        var before = await maildev.Count();

        var failure = await MailServices.Refusal(maildev.Settings(), message);

        Assert.Equal(MailFailure.RecipientRejected, failure.Failure);
        Assert.True(failure.Permanent);
        Assert.Equal(501, failure.SmtpStatusCode);
        Assert.Equal(refused, failure.RejectedAddress);
        Assert.Equal(before, await maildev.Count());
    }

    [Fact]
    public async Task Message_over_the_server_size_limit_is_permanently_refused_as_a_message_not_a_sender()
    {
        var message = Message("Te groot");
        var body = new BodyBuilder { TextBody = "Zie bijlage." };
        body.Attachments.Add("verslag.bin", new byte[MailDevServer.MaxMessageSize * 2]);
        message.Body = body.ToMessageBody();

        var failure = await MailServices.Refusal(maildev.Settings(), message);

        Assert.Equal(MailFailure.MessageRejected, failure.Failure);
        Assert.True(failure.Permanent);
        Assert.Equal(552, failure.SmtpStatusCode);
    }

    [Fact]
    public async Task Starttls_required_but_not_offered_is_a_permanent_security_failure()
    {
        var failure = await MailServices.Refusal(maildev.Settings(security: "starttls"), Message("Geen STARTTLS"));

        Assert.Equal(MailFailure.SecurityFailed, failure.Failure);
        Assert.True(failure.Permanent);
        Assert.Contains("Smtp:Security", failure.Message);
    }

    internal static MimeMessage Message(string subject)
    {
        var message = new MimeMessage { Subject = subject };
        message.To.Add(new MailboxAddress("Zoë Vandenberghe", "zoe@example.org"));
        message.Body = new BodyBuilder
        {
            TextBody = "Dag Zoë, welkom op het Ölçek-overleg.",
            HtmlBody = "<p>Dag Zoë, welkom op het Ölçek-overleg.</p>",
        }.ToMessageBody();
        return message;
    }
}
