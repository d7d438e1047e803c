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
    Task<MailDelivery> SendAsync(MimeMessage message, CancellationToken cancellationToken) => SendAsync(message, null, cancellationToken);

    /// <summary>
    /// Delivers one message and calls <paramref name="committing"/> once, synchronously, at the last moment before the
    /// delivery becomes irrevocable: over SMTP when the whole message is in the connection and only the end of the data
    /// remains to be sent (after which the server takes it even if this process dies), for the outbox before the
    /// finished file gets its name. A caller that records "sent" there cannot send the message twice after a crash; at
    /// worst a crash in the microseconds between its record and the end of the data loses one. If
    /// <paramref name="committing"/> throws, nothing is delivered. If the delivery fails after it ran, the send throws as
    /// usual and the caller takes its record back. A route that cannot tell calls it just after the delivery.
    /// </summary>
    Task<MailDelivery> SendAsync(MimeMessage message, Action? committing, CancellationToken cancellationToken);
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
