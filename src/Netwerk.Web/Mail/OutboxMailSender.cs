using MimeKit;

namespace Netwerk.Web.Mail;

/// <summary>Writes each message to the outbox folder instead of sending it (no <c>Smtp:Host</c> configured).</summary>
public sealed class OutboxMailSender(MailOutbox outbox, MailAddresses addresses, TimeProvider clock, ILogger<OutboxMailSender> logger) : IMailSender
{
    public async Task<MailDelivery> SendAsync(MimeMessage message, Action? committing, CancellationToken cancellationToken)
    {
        var messageId = addresses.Prepare(message);
        string path;
        try
        {
            path = await outbox.WriteAsync(message, messageId, committing, cancellationToken);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // A full disk may clear up; a folder the process may not write to will not until someone changes it.
            throw new MailDeliveryException(MailFailure.OutboxUnavailable, error is UnauthorizedAccessException,
                $"Mail {messageId} could not be written to {MailOptions.Section}:OutboxPath {outbox.FolderPath}: {error.Message}", error);
        }
        logger.LogInformation("Mail {MessageId} written to {Path}", messageId, path);
        return new MailDelivery(MailRoute.Outbox, messageId, clock.GetUtcNow()) { FilePath = path };
    }
}
