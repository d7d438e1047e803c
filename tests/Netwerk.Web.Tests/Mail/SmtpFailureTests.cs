using System.Net;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Netwerk.Web.Mail;

namespace Netwerk.Web.Tests.Mail;

/// <summary>
/// Transient or permanent: real sockets for what can fail here (closed port, silent server, hang-up), and MailKit's
/// own exception instances for the SMTP replies maildev never gives (4xx, 550, 553, 554).
/// </summary>
public sealed class SmtpFailureTests
{
    [Fact]
    public async Task Closed_port_is_a_transient_unreachable_failure()
    {
        var failure = await MailServices.Refusal(Settings(ClosedPort()), Unreachable());

        Assert.Equal(MailFailure.Unreachable, failure.Failure);
        Assert.False(failure.Permanent);
        Assert.IsType<SocketException>(failure.InnerException);
    }

    [Fact]
    public async Task Server_that_never_answers_is_a_transient_timeout()
    {
        using var silent = Listening();
        var settings = Settings(silent);
        settings["Smtp:Timeout"] = "00:00:01";

        var failure = await MailServices.Refusal(settings, Unreachable());

        Assert.Equal(MailFailure.TimedOut, failure.Failure);
        Assert.False(failure.Permanent);
    }

    [Fact]
    public async Task Server_that_hangs_up_is_a_transient_failure()
    {
        using var rude = Listening();
        var hangUp = Task.Run(async () =>
        {
            using var connection = await rude.AcceptTcpClientAsync(TestContext.Current.CancellationToken);
        });

        var failure = await MailServices.Refusal(Settings(rude), Unreachable());
        await hangUp;

        Assert.Equal(MailFailure.ConnectionLost, failure.Failure);
        Assert.False(failure.Permanent);
    }

    [Fact]
    public async Task Cancellation_by_the_caller_is_not_a_delivery_failure()
    {
        using var silent = Listening();
        using var services = new MailServices(Settings(silent));
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancellation.CancelAfter(TimeSpan.FromMilliseconds(300));

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => services.Sender.SendAsync(SmtpMailSenderTests.Message("Geannuleerd"), cancellation.Token));

        Assert.True(cancellation.IsCancellationRequested);
        Assert.IsNotType<MailDeliveryException>(error);
    }

    public static TheoryData<string, Exception, MailFailure, bool> Cases => new()
    {
        { "421 closing", new SmtpCommandException(SmtpErrorCode.UnexpectedStatusCode, SmtpStatusCode.ServiceNotAvailable, "closing channel"), MailFailure.Deferred, false },
        { "450 mailbox busy", Command(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxBusy), MailFailure.Deferred, false },
        { "451 greylisted", Command(SmtpErrorCode.SenderNotAccepted, SmtpStatusCode.ErrorInProcessing), MailFailure.Deferred, false },
        { "452 storage", Command(SmtpErrorCode.MessageNotAccepted, SmtpStatusCode.InsufficientStorage), MailFailure.Deferred, false },
        { "550 no such user", Command(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxUnavailable), MailFailure.RecipientRejected, true },
        { "553 sender not allowed", Command(SmtpErrorCode.SenderNotAccepted, SmtpStatusCode.MailboxNameNotAllowed), MailFailure.SenderRejected, true },
        { "552 too large at MAIL FROM", Command(SmtpErrorCode.SenderNotAccepted, SmtpStatusCode.ExceededStorageAllocation), MailFailure.MessageRejected, true },
        { "554 content refused", Command(SmtpErrorCode.MessageNotAccepted, SmtpStatusCode.TransactionFailed), MailFailure.MessageRejected, true },
        { "554 no service", new SmtpCommandException(SmtpErrorCode.UnexpectedStatusCode, SmtpStatusCode.TransactionFailed, "no SMTP service here"), MailFailure.Refused, true },
        { "535 login", new AuthenticationException("535: bad credentials"), MailFailure.AuthenticationFailed, true },
        { "530 login required", new ServiceNotAuthenticatedException("authentication required"), MailFailure.AuthenticationRequired, true },
        { "certificate", new SslHandshakeException("handshake", new System.Security.Authentication.AuthenticationException("remote certificate is invalid")), MailFailure.SecurityFailed, true },
        { "handshake cut off", new SslHandshakeException("handshake", new IOException("connection reset")), MailFailure.ConnectionLost, false },
        { "refused", new SocketException((int)SocketError.ConnectionRefused), MailFailure.Unreachable, false },
        { "no such host", new SocketException((int)SocketError.HostNotFound), MailFailure.Unreachable, false },
        { "read timeout", new IOException("read failed", new TimeoutException()), MailFailure.TimedOut, false },
        { "connect timeout", new TimeoutException(), MailFailure.TimedOut, false },
        { "reset", new IOException("reset", new SocketException((int)SocketError.ConnectionReset)), MailFailure.ConnectionLost, false },
        { "protocol", new SmtpProtocolException("The SMTP server has unexpectedly disconnected."), MailFailure.ConnectionLost, false },
        { "SMTPUTF8 missing", new NotSupportedException("internationalized formatting"), MailFailure.Unsendable, true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void MailKit_failures_are_classified_by_reply_code_and_cause(string name, Exception error, MailFailure expected, bool permanent)
    {
        var failure = SmtpFailures.Classify(error);

        Assert.NotNull(failure);
        Assert.Equal(expected, failure.Failure);
        Assert.True(permanent == failure.Permanent, $"{name}: expected permanent={permanent}");
        Assert.Same(error, failure.InnerException);
        if (error is SmtpCommandException command) Assert.Equal((int)command.StatusCode, failure.SmtpStatusCode);
    }

    [Fact]
    public void Refused_recipient_is_named_and_bugs_are_not_classified()
    {
        var refused = SmtpFailures.Classify(Command(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxUnavailable));

        Assert.Equal("zoe@example.org", refused!.RejectedAddress);
        Assert.Null(SmtpFailures.Classify(new ArgumentNullException("message")));
    }

    private static SmtpCommandException Command(SmtpErrorCode code, SmtpStatusCode status) =>
        new(code, status, new MailboxAddress("Zoë", "zoe@example.org"), $"{(int)status} reply");

    private static MimeMessage Unreachable() => SmtpMailSenderTests.Message("Onbereikbaar");

    /// <summary>A loopback port that accepts connections and says nothing unless the test makes it.</summary>
    private static TcpListener Listening()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return listener;
    }

    private static Dictionary<string, string?> Settings(TcpListener listener) => Settings(((IPEndPoint)listener.LocalEndpoint).Port);

    private static Dictionary<string, string?> Settings(int port) => new()
    {
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = port.ToString(),
        ["Smtp:Security"] = "none",
        ["Smtp:From"] = "netwerk@w13.example.org",
        ["Smtp:Timeout"] = "00:00:10",
    };

    private static int ClosedPort()
    {
        using var listener = Listening();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
