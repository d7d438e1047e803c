using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Netwerk.Web.Mail;

/// <summary>Sends through the configured SMTP server with MailKit.</summary>
public sealed class SmtpMailSender(IOptions<MailOptions> options, MailAddresses addresses, TimeProvider clock, ILogger<SmtpMailSender> logger)
    : IMailSender
{
    public async Task<MailDelivery> SendAsync(MimeMessage message, Action? committing, CancellationToken cancellationToken)
    {
        var messageId = addresses.Prepare(message);
        var settings = options.Value;
        // MailKit's SmtpClient is not thread-safe: one client per send keeps concurrent jobs apart, and a send
        // never inherits a connection the server has half closed since the last one.
        using var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        string response;
        try
        {
            await ConnectAsync(client, settings, cancellationToken);
            if (!string.IsNullOrEmpty(settings.Username)) await AuthenticateAsync(client, settings.Username, settings, cancellationToken);
            var commitPoint = committing is null ? null : new CommitPoint(committing);
            response = await client.SendAsync(message, cancellationToken, commitPoint);
            // Should the progress not have reached the end, the server has the message now: commit late rather than never.
            commitPoint?.Commit();
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested && SmtpFailures.Classify(error) is { } failure)
        {
            logger.LogWarning("Mail {MessageId} not sent via {Host}: {Failure} ({Kind})", messageId, settings.Host, failure.Failure,
                failure.Permanent ? "permanent" : "transient");
            throw failure;
        }
        // The server has the message now; a failing QUIT must not turn that into an error and a second send.
        await QuitAsync(client, messageId);
        logger.LogInformation("Mail {MessageId} accepted by {Host}: {Response}", messageId, settings.Host, Telemetry.LogRedaction.Redact(response));
        return new MailDelivery(MailRoute.Smtp, messageId, clock.GetUtcNow()) { ServerResponse = response };
    }

    /// <summary>
    /// MailKit reports the bytes of the message as it hands them to the connection, after measuring the message first;
    /// the end-of-data line (or, with CHUNKING, the flush of the last chunk) comes after the last report. That last
    /// report is the commit point.
    /// </summary>
    private sealed class CommitPoint(Action committing) : MailKit.ITransferProgress
    {
        private bool _committed;

        public void Report(long bytesTransferred, long totalSize)
        {
            if (totalSize > 0 && bytesTransferred >= totalSize) Commit();
        }

        public void Report(long bytesTransferred)
        {
        }

        public void Commit()
        {
            if (_committed) return;
            _committed = true;
            committing();
        }
    }

    private static async Task ConnectAsync(SmtpClient client, MailOptions settings, CancellationToken cancellationToken)
    {
        var security = settings.SecurityMode switch
        {
            MailSecurity.None => SecureSocketOptions.None,
            MailSecurity.Tls => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTls,
        };
        try
        {
            await client.ConnectAsync(settings.Host!.Trim(), settings.EffectivePort, security, cancellationToken);
        }
        catch (NotSupportedException error)
        {
            throw new MailDeliveryException(MailFailure.SecurityFailed, true,
                $"{MailOptions.Section}:Security is starttls but {settings.Host} offers no STARTTLS; use tls, or none for a local relay.", error);
        }
    }

    private static async Task AuthenticateAsync(SmtpClient client, string userName, MailOptions settings, CancellationToken cancellationToken)
    {
        try
        {
            await client.AuthenticateAsync(userName, settings.Password ?? "", cancellationToken);
        }
        catch (NotSupportedException error)
        {
            throw new MailDeliveryException(MailFailure.AuthenticationFailed, true,
                $"{MailOptions.Section}:Username is set but {settings.Host} offers no authentication (over this connection).", error);
        }
    }

    private async Task QuitAsync(SmtpClient client, string messageId)
    {
        try
        {
            await client.DisconnectAsync(quit: true, CancellationToken.None);
        }
        catch (Exception error) when (SmtpFailures.Classify(error) is not null)
        {
            logger.LogDebug(error, "QUIT after mail {MessageId} failed; the message was already accepted", messageId);
        }
    }
}
