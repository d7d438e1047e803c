using Netwerk.Web.Invitations;

namespace Netwerk.Web.Tests.Invitations;

/// <summary>Answer tokens: what goes in comes out, and nothing else passes.</summary>
public sealed class RsvpTokenTests : IDisposable
{
    private readonly InvitationServices _services = new();

    public void Dispose() => _services.Dispose();

    private RsvpGrant Grant(DateTimeOffset? occurrence = null) => new()
    {
        MeetingId = "meeting-0192",
        PersonId = "person:7.ö",
        Sequence = 5,
        Occurrence = occurrence,
        ExpiresAt = _services.Clock.GetUtcNow().AddDays(40),
    };

    [Fact]
    public void Token_carries_meeting_person_sequence_occurrence_and_expiry_and_is_url_safe()
    {
        var occurrence = InvitationServices.Brussels(2026, 3, 31, 9, 30);
        foreach (var grant in new[] { Grant(), Grant(occurrence) })
        {
            var token = _services.Tokens.Issue(grant);

            Assert.Matches("^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$", token);
            var check = _services.Tokens.Verify(token);
            Assert.Equal(RsvpTokenState.Valid, check.State);
            Assert.Equal(grant, check.Grant);
        }
    }

    [Fact]
    public void Changing_any_character_of_payload_or_signature_makes_the_token_invalid()
    {
        var token = _services.Tokens.Issue(Grant());

        for (var i = 0; i < token.Length; i++)
        {
            if (token[i] == '.') continue;
            var tampered = token[..i] + (token[i] == 'A' ? 'B' : 'A') + token[(i + 1)..];
            var check = _services.Tokens.Verify(tampered);
            Assert.True(check.State == RsvpTokenState.Invalid, $"character {i} changed, still {check.State}");
            Assert.Null(check.Grant);
        }
    }

    [Fact]
    public void Payload_of_one_token_with_the_signature_of_another_is_invalid()
    {
        var mine = _services.Tokens.Issue(Grant());
        var other = _services.Tokens.Issue(Grant() with { PersonId = "person-8" });

        var spliced = other[..other.IndexOf('.')] + mine[mine.IndexOf('.')..];

        Assert.Equal(RsvpTokenState.Invalid, _services.Tokens.Verify(spliced).State);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("abc")]
    [InlineData("abc.def")]
    [InlineData("a.b.c")]
    [InlineData("!!!.???")]
    public void Junk_is_invalid_without_an_exception(string? junk)
    {
        Assert.Equal(RsvpTokenState.Invalid, _services.Tokens.Verify(junk).State);
    }

    [Fact]
    public void Truncated_padded_extended_or_oversized_tokens_are_invalid()
    {
        var token = _services.Tokens.Issue(Grant());

        Assert.Equal(RsvpTokenState.Invalid, _services.Tokens.Verify(token[..^1]).State);
        Assert.Equal(RsvpTokenState.Invalid, _services.Tokens.Verify(token + "=").State);
        Assert.Equal(RsvpTokenState.Invalid, _services.Tokens.Verify(token + "A").State);
        Assert.Equal(RsvpTokenState.Invalid, _services.Tokens.Verify("A" + token).State);
        Assert.Equal(RsvpTokenState.Invalid, _services.Tokens.Verify(token + "." + token).State);
        Assert.Equal(RsvpTokenState.Invalid, _services.Tokens.Verify(new string('A', 5000) + token).State);
    }

    [Fact]
    public void Token_expires_at_its_expiry_and_says_so()
    {
        var grant = Grant() with { ExpiresAt = _services.Clock.GetUtcNow().AddHours(2) };
        var token = _services.Tokens.Issue(grant);

        _services.Clock.Advance(TimeSpan.FromHours(2) - TimeSpan.FromSeconds(1));
        Assert.Equal(RsvpTokenState.Valid, _services.Tokens.Verify(token).State);

        _services.Clock.Advance(TimeSpan.FromSeconds(1));
        var expired = _services.Tokens.Verify(token);
        Assert.Equal(RsvpTokenState.Expired, expired.State);
        Assert.False(expired.IsValid);
        Assert.Equal(grant, expired.Grant);
    }

    [Fact]
    public void Token_signed_with_another_key_is_invalid()
    {
        var otherKey = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)(255 - i)).ToArray());
        using var other = new InvitationServices(new Dictionary<string, string?> { ["Invitations:RsvpKey"] = otherKey }, _services.Clock);
        using var same = new InvitationServices(clock: _services.Clock);

        var token = _services.Tokens.Issue(Grant());

        Assert.Equal(RsvpTokenState.Invalid, other.Tokens.Verify(token).State);
        Assert.Equal(RsvpTokenState.Valid, same.Tokens.Verify(token).State); // the same configured key: another instance agrees
    }

    [Fact]
    public void Without_a_key_in_testing_each_process_signs_with_a_random_key_of_its_own()
    {
        var noKey = new Dictionary<string, string?> { ["Invitations:RsvpKey"] = null };
        using var first = new InvitationServices(noKey, _services.Clock);
        using var second = new InvitationServices(noKey, _services.Clock);

        var token = first.Tokens.Issue(Grant());

        Assert.Equal(RsvpTokenState.Valid, first.Tokens.Verify(token).State);
        Assert.Equal(RsvpTokenState.Invalid, second.Tokens.Verify(token).State);
    }

    [Theory]
    [InlineData("accepted", RsvpAnswer.Accepted)]
    [InlineData("ja", RsvpAnswer.Accepted)]
    [InlineData("Tentative", RsvpAnswer.Tentative)]
    [InlineData("misschien", RsvpAnswer.Tentative)]
    [InlineData("declined", RsvpAnswer.Declined)]
    [InlineData(" NEE ", RsvpAnswer.Declined)]
    public void Answers_read_in_link_and_dutch_spelling(string text, RsvpAnswer expected)
    {
        Assert.True(RsvpTokens.TryParseAnswer(text, out var answer));
        Assert.Equal(expected, answer);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("needs-action")]
    [InlineData("1")]
    public void Other_answers_are_refused(string? text)
    {
        Assert.False(RsvpTokens.TryParseAnswer(text, out _));
    }

    [Fact]
    public void Links_put_the_token_in_the_path_of_the_rsvp_page_and_the_answer_in_the_query()
    {
        var token = _services.Tokens.Issue(Grant());

        var link = _services.Tokens.Link(token, RsvpAnswer.Tentative);

        Assert.Equal($"https://netwerk.example.org/rsvp/{token}?answer=tentative", link.AbsoluteUri);
        Assert.Equal($"/rsvp/{token}", link.AbsolutePath);
        Assert.Equal("?answer=tentative", link.Query);
        Assert.Equal("", link.Fragment);
        Assert.Equal(("ACCEPTED", "TENTATIVE", "DECLINED"),
            (RsvpTokens.ParticipationStatus(RsvpAnswer.Accepted), RsvpTokens.ParticipationStatus(RsvpAnswer.Tentative), RsvpTokens.ParticipationStatus(RsvpAnswer.Declined)));
    }
}
