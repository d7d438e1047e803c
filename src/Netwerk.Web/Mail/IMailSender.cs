using MimeKit;

namespace Netwerk.Web.Mail;

/// <summary>
/// The product's one way to send mail. Which implementation answers is configuration: SMTP when <c>Smtp:Host</c>
/// is set, the outbox folder otherwise. A failure is a <see cref="MailDeliveryException"/> that says whether a
/// retry can help; cancellation through the token is an <see cref="OperationCanceledException"/> as usual.
/// </summary>
public interface IMailSender
{
    /// <summary>Delivers one message. A message without From gets <c>Smtp:From</c>; one without Message-Id gets one.</summary>
    Task<MailDelivery> SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

public enum MailRoute
{
    /// <summary>Accepted by the SMTP server.</summary>
    Smtp,

    /// <summary>Written to the outbox folder as an .eml file.</summary>
    Outbox,
}

/// <summary>Where a message went: route, its Message-Id, and the file (outbox) or the server's reply (SMTP).</summary>
public sealed record MailDelivery(MailRoute Route, string MessageId, DateTimeOffset DeliveredAt)
{
    public string? FilePath { get; init; }

    public string? ServerResponse { get; init; }
}
