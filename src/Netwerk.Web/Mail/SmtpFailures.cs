using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace Netwerk.Web.Mail;

/// <summary>
/// Turns what MailKit throws into a <see cref="MailDeliveryException"/> that says whether a retry can help.
/// The reply code decides where the server gave one (5xx permanent, 4xx transient, RFC 5321 §4.2.1); without one,
/// a broken or missing connection is transient and a refusal of our credentials or certificate is permanent.
/// </summary>
public static class SmtpFailures
{
    /// <summary>The classified failure, or null for an exception that is not a delivery failure (a bug, a cancellation).</summary>
    public static MailDeliveryException? Classify(Exception error) => error switch
    {
        MailDeliveryException or ObjectDisposedException or ServiceNotConnectedException => null,
        SmtpCommandException command => FromReply(command),
        // SaslException is one of these too.
        MailKit.Security.AuthenticationException => new(MailFailure.AuthenticationFailed, true,
            $"The SMTP server refused {MailOptions.Section}:Username and {MailOptions.Section}:Password: {error.Message}", error,
            error.InnerException is SmtpCommandException reply ? (int)reply.StatusCode : null),
        ServiceNotAuthenticatedException => new(MailFailure.AuthenticationRequired, true,
            $"The SMTP server requires authentication; set {MailOptions.Section}:Username and {MailOptions.Section}:Password: {error.Message}", error, 530),
        SslHandshakeException when error.InnerException is System.Security.Authentication.AuthenticationException => new(MailFailure.SecurityFailed, true,
            $"TLS with the SMTP server failed (certificate not trusted, or no common protocol): {error.InnerException.Message}", error),
        SslHandshakeException => FromTransport(error.InnerException ?? error, error),
        SmtpProtocolException => new(MailFailure.ConnectionLost, false, $"The SMTP conversation broke off: {error.Message}", error),
        SocketException or IOException or TimeoutException => FromTransport(error, error),
        // Timeouts surface as TimeoutException since MailKit 3; a cancellation the caller did not ask for is one too.
        OperationCanceledException => new(MailFailure.TimedOut, false, $"The SMTP server did not answer in time: {error.Message}", error),
        NotSupportedException => new(MailFailure.Unsendable, true, $"The SMTP server cannot take this message: {error.Message}", error),
        InvalidOperationException => new(MailFailure.Unsendable, true, $"The message cannot be sent: {error.Message}", error),
        _ => null,
    };

    private static MailDeliveryException FromReply(SmtpCommandException error)
    {
        var code = (int)error.StatusCode;
        var reply = $"{code} {error.Message}";
        if (code is < 500 or >= 600)
        {
            return new(MailFailure.Deferred, false, $"The SMTP server deferred the message: {reply}", error, code);
        }
        var address = error.Mailbox?.Address;
        return error.ErrorCode switch
        {
            // 552 answers the SIZE parameter of MAIL FROM (RFC 1870): the message, not the sender, is the problem.
            SmtpErrorCode.SenderNotAccepted or SmtpErrorCode.MessageNotAccepted when error.StatusCode == SmtpStatusCode.ExceededStorageAllocation =>
                new(MailFailure.MessageRejected, true, $"The SMTP server refused the message as too large: {reply}", error, code),
            SmtpErrorCode.RecipientNotAccepted => new(MailFailure.RecipientRejected, true, $"The SMTP server refused a recipient: {reply}", error, code, address),
            SmtpErrorCode.SenderNotAccepted => new(MailFailure.SenderRejected, true,
                $"The SMTP server refused the sender address ({MailOptions.Section}:From): {reply}", error, code, address),
            SmtpErrorCode.MessageNotAccepted => new(MailFailure.MessageRejected, true, $"The SMTP server refused the message: {reply}", error, code),
            _ => new(MailFailure.Refused, true, $"The SMTP server refused: {reply}", error, code),
        };
    }

    private static MailDeliveryException FromTransport(Exception cause, Exception error)
    {
        var socket = cause as SocketException ?? cause.InnerException as SocketException;
        var timedOut = cause is TimeoutException or OperationCanceledException || cause.InnerException is TimeoutException
            || socket?.SocketErrorCode == SocketError.TimedOut;
        if (timedOut) return new(MailFailure.TimedOut, false, $"The SMTP server did not answer in time: {cause.Message}", error);
        return socket?.SocketErrorCode switch
        {
            SocketError.ConnectionRefused or SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.HostNotFound
                or SocketError.HostDown or SocketError.NetworkDown or SocketError.TryAgain or SocketError.NoData or SocketError.AddressNotAvailable =>
                new(MailFailure.Unreachable, false, $"The SMTP server could not be reached: {socket.Message}", error),
            _ => new(MailFailure.ConnectionLost, false, $"The connection to the SMTP server failed: {cause.Message}", error),
        };
    }
}
