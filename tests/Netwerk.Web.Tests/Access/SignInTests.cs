using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using MimeKit;
using Netwerk.Core.Accounts;

namespace Netwerk.Web.Tests.Access;

/// <summary>Passwordless sign-in through a mailed one-time link (the outbox folder stands in for SMTP), then a cookie session.</summary>
public sealed partial class SignInTests : IDisposable
{
    private readonly NetwerkServer _server = new(settings: new Dictionary<string, string> { ["Netwerk:Auth:SignInLinkLifetime"] = "00:00:03" });

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Known_and_unknown_addresses_get_the_same_answer_and_only_the_known_one_a_mail()
    {
        await CreateAccount("gekend@example.org");
        using var browser = _server.Anonymous();

        using var known = await browser.PostAsJsonAsync("/api/auth/sign-in", new { email = "Gekend@Example.org" });
        using var unknown = await browser.PostAsJsonAsync("/api/auth/sign-in", new { email = "onbekend@example.org" });

        Assert.Equal(HttpStatusCode.Accepted, known.StatusCode);
        Assert.Equal(known.StatusCode, unknown.StatusCode);
        Assert.Equal(await known.Content.ReadAsStringAsync(), await unknown.Content.ReadAsStringAsync());
        var mail = await WaitForMail("gekend@example.org");
        Assert.Equal("gekend@example.org", ((MailboxAddress)mail.To[0]).Address);
        await Task.Delay(300);
        Assert.Single(Directory.GetFiles(_server.OutboxPath, "*.eml"));
    }

    [Fact]
    public async Task A_link_signs_in_once_and_then_never_again()
    {
        await CreateAccount("eenmalig@example.org");
        using var browser = _server.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/schema")).StatusCode);

        var token = await RequestLink(browser, "eenmalig@example.org");
        using var first = await browser.PostAsJsonAsync("/api/auth/sign-in/complete", new { token });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var me = await NetwerkServer.Json(first);
        Assert.True(me.GetProperty("signedIn").GetBoolean());
        Assert.False(string.IsNullOrEmpty(me.GetProperty("csrfToken").GetString()));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/schema")).StatusCode);

        using var other = _server.Anonymous();
        using var again = await other.PostAsJsonAsync("/api/auth/sign-in/complete", new { token });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal("sign-in-link-invalid", (await NetwerkServer.Json(again)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_expired_or_altered_link_does_not_sign_in()
    {
        await CreateAccount("traag@example.org");
        using var browser = _server.Anonymous();
        var token = await RequestLink(browser, "traag@example.org");

        using var altered = await browser.PostAsJsonAsync("/api/auth/sign-in/complete", new { token = token[..^2] + "xy" });
        Assert.Equal(HttpStatusCode.BadRequest, altered.StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(3.5), TestContext.Current.CancellationToken);
        using var late = await browser.PostAsJsonAsync("/api/auth/sign-in/complete", new { token });
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/schema")).StatusCode);
    }

    [Fact]
    public async Task Cookie_writes_need_the_antiforgery_token()
    {
        await CreateAccount("schrijver@example.org", Role.Regisseur);
        using var browser = _server.Anonymous();
        var token = await RequestLink(browser, "schrijver@example.org");
        var csrf = (await NetwerkServer.Json(await browser.PostAsJsonAsync("/api/auth/sign-in/complete", new { token }))).GetProperty("csrfToken").GetString()!;
        var before = await _server.StoreStatus();

        using var without = await browser.PostAsJsonAsync("/api/nodes", ApiFixtures.Organisation("org-csrf"));
        Assert.Equal(HttpStatusCode.BadRequest, without.StatusCode);
        Assert.Equal("csrf", (await NetwerkServer.Json(without)).GetProperty("code").GetString());
        using var forged = await Post(browser, "/api/nodes", ApiFixtures.Organisation("org-csrf"), "CfDJ8-forged-token");
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(before, await _server.StoreStatus());

        using var with = await Post(browser, "/api/nodes", ApiFixtures.Organisation("org-csrf"), csrf);
        Assert.Equal(HttpStatusCode.Created, with.StatusCode);
    }

    [Fact]
    public async Task Signing_out_ends_the_session_and_a_deleted_account_is_signed_out()
    {
        var accountId = await CreateAccount("vertrekker@example.org");
        using var browser = _server.Anonymous();
        var token = await RequestLink(browser, "vertrekker@example.org");
        var csrf = (await NetwerkServer.Json(await browser.PostAsJsonAsync("/api/auth/sign-in/complete", new { token }))).GetProperty("csrfToken").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/schema")).StatusCode);

        using (var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/sign-out"))
        {
            request.Headers.Add("X-XSRF-TOKEN", csrf);
            Assert.Equal(HttpStatusCode.NoContent, (await browser.SendAsync(request)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/schema")).StatusCode);

        token = await RequestLink(browser, "vertrekker@example.org");
        await browser.PostAsJsonAsync("/api/auth/sign-in/complete", new { token });
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/schema")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _server.Http.DeleteAsync($"/api/accounts/{accountId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/schema")).StatusCode);
    }

    [Fact]
    public async Task A_malformed_address_is_a_400_and_no_mail()
    {
        using var browser = _server.Anonymous();
        foreach (var email in new[] { "", "geen-adres", "a@b", new string('a', 400) + "@example.org", "x@example.org\r\nBcc: y@example.org" })
        {
            using var response = await browser.PostAsJsonAsync("/api/auth/sign-in", new { email });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
        Assert.False(Directory.Exists(_server.OutboxPath) && Directory.GetFiles(_server.OutboxPath).Length > 0);
    }

    private async Task<string> CreateAccount(string email, Role role = Role.Viewer)
    {
        using var response = await _server.PostJson("/api/accounts", new { email, name = "Test Persoon", grants = new[] { new { role = role.ToString().ToLowerInvariant(), region = "*" } } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await NetwerkServer.Json(response)).GetProperty("id").GetString()!;
    }

    /// <summary>Asks for a link and reads its token from the mail in the outbox, as the user's mail client would show it.</summary>
    private async Task<string> RequestLink(HttpClient browser, string email)
    {
        var existing = Directory.Exists(_server.OutboxPath) ? Directory.GetFiles(_server.OutboxPath).ToHashSet() : [];
        using var response = await browser.PostAsJsonAsync("/api/auth/sign-in", new { email });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var mail = await WaitForMail(email, existing);
        var match = LinkPattern().Match(mail.TextBody ?? "");
        Assert.True(match.Success, mail.TextBody);
        return match.Groups[1].Value;
    }

    private async Task<MimeMessage> WaitForMail(string email, HashSet<string>? existing = null)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (Directory.Exists(_server.OutboxPath))
            {
                foreach (var file in Directory.GetFiles(_server.OutboxPath, "*.eml").Where(f => existing is null || !existing.Contains(f)))
                {
                    var message = await MimeMessage.LoadAsync(file);
                    if (message.To.Mailboxes.Any(m => m.Address == email)) return message;
                }
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"No sign-in mail for {email} in {_server.OutboxPath}");
    }

    private static Task<HttpResponseMessage> Post(HttpClient client, string path, object body, string csrf)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-XSRF-TOKEN", csrf);
        return client.SendAsync(request);
    }

    [GeneratedRegex(@"/signin\.html#token=([A-Za-z0-9_-]+)")]
    private static partial Regex LinkPattern();
}
