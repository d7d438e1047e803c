namespace Netwerk.Web.Mail;

/// <summary>What went wrong with a delivery, in terms retry logic and an organiser can act on.</summary>
public enum MailFailure
{
    /// <summary>No connection: refused, host or network unreachable, name not resolved.</summary>
    Unreachable,

    /// <summary>The server did not answer within <c>Smtp:Timeout</c>.</summary>
    TimedOut,

    /// <summary>The connection broke or the conversation went off the protocol.</summary>
    ConnectionLost,

    /// <summary>The server answered 4xx: try again later (greylisting, full mailbox, too busy).</summary>
    Deferred,

    /// <summary>A recipient was refused (5xx on RCPT TO); <see cref="MailDeliveryException.RejectedAddress"/> names it.</summary>
    RecipientRejected,

    /// <summary>The sender address was refused (5xx on MAIL FROM).</summary>
    SenderRejected,

    /// <summary>The message itself was refused: too large (552) or its content (5xx after DATA).</summary>
    MessageRejected,

    /// <summary>The server refused the conversation itself (5xx to the greeting, EHLO or another command).</summary>
    Refused,

    /// <summary>The server refused the configured user name and password.</summary>
    AuthenticationFailed,

    /// <summary>The server wants authentication and <c>Smtp:Username</c> is not set.</summary>
    AuthenticationRequired,

    /// <summary>TLS could not be set up: certificate not trusted, or the server offers no STARTTLS.</summary>
    SecurityFailed,

    /// <summary>The message cannot be sent as it is (no recipients, or a feature the server lacks).</summary>
    Unsendable,

    /// <summary>The outbox folder could not be written.</summary>
    OutboxUnavailable,
}

/// <summary>
/// A message was not delivered. <see cref="Permanent"/> is true when sending the same message again cannot succeed
/// without someone changing something (the address, the configuration, the message); false when a retry later may.
/// </summary>
public sealed class MailDeliveryException(
    MailFailure failure, bool permanent, string message, Exception? innerException = null, int? smtpStatusCode = null, string? rejectedAddress = null)
    : Exception(message, innerException)
{
    public MailFailure Failure { get; } = failure;

    public bool Permanent { get; } = permanent;

    /// <summary>The SMTP reply code when the server gave one (e.g. 550, 451).</summary>
    public int? SmtpStatusCode { get; } = smtpStatusCode;

    /// <summary>The refused mailbox for <see cref="MailFailure.RecipientRejected"/> and <see cref="MailFailure.SenderRejected"/>.</summary>
    public string? RejectedAddress { get; } = rejectedAddress;
}
