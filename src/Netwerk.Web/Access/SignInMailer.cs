using System.Net;
using System.Threading.Channels;
using MimeKit;
using Netwerk.Core.Accounts;
using Netwerk.Web.Mail;

namespace Netwerk.Web.Access;

/// <summary>
/// Sends sign-in links in the background, so the sign-in answer takes as long for a known address as for an
/// unknown one. A link lost in a crash costs the user one more click on "send link"; it needs no durable queue.
/// </summary>
public sealed class SignInMailer(IMailSender sender, MailAddresses addresses, ILogger<SignInMailer> logger) : BackgroundService
{
    private readonly Channel<(Account Account, Uri Link)> _queue = Channel.CreateBounded<(Account, Uri)>(
        new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest });

    public void Enqueue(Account account, Uri link) => _queue.Writer.TryWrite((account, link));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (account, link) in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await sender.SendAsync(Compose(account, link), stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The exception's message may quote the address (an SMTP refusal does): its type and a redacted message only.
                logger.LogWarning("Sign-in mail to account {Account} failed: {Error}: {Reason}", account.Id, e.GetType().Name, Telemetry.LogRedaction.Redact(e.Message));
            }
        }
    }

    private MimeMessage Compose(Account account, Uri link)
    {
        var english = account.Language == "en";
        var message = new MimeMessage { Subject = english ? "Your sign-in link for Netwerk" : "Je aanmeldlink voor Netwerk" };
        message.From.Add(addresses.From);
        message.To.Add(new MailboxAddress(account.Name, account.Email));
        var greeting = english ? $"Hello {account.Name}," : $"Dag {account.Name},";
        var body = english
            ? "Use the link below to sign in to Netwerk. It works once, for 15 minutes. Did you not ask for it? Then ignore this mail."
            : "Met de link hieronder meld je je aan bij Netwerk. Hij werkt één keer, 15 minuten lang. Vroeg je hem niet aan? Negeer deze mail dan.";
        var action = english ? "Sign in" : "Aanmelden";
        var html = $"""
            <p>{WebUtility.HtmlEncode(greeting)}</p>
            <p>{WebUtility.HtmlEncode(body)}</p>
            <p><a href="{WebUtility.HtmlEncode(link.AbsoluteUri)}">{action}</a></p>
            """;
        message.Body = new BodyBuilder { TextBody = $"{greeting}\n\n{body}\n\n{action}: {link.AbsoluteUri}\n", HtmlBody = html }.ToMessageBody();
        return message;
    }
}
