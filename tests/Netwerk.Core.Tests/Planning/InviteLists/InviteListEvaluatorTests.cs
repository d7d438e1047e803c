using Netwerk.Core.Analysis;
using Netwerk.Core.Planning.InviteLists;
using Netwerk.Core.Tests.Analysis;

namespace Netwerk.Core.Tests.Planning.InviteLists;

public sealed class InviteListEvaluatorTests
{
    private static readonly DateOnly Today = new(2024, 6, 1);

    /// <summary>
    /// Region W13 (Kortrijk, Menen); OCMW Kortrijk (lokaal bestuur in Kortrijk) with An (trajectbegeleider) and Bart
    /// (diensthoofd); VDAB (in the region) with Cas (accountmanager) and Dirk (no e-mail); De Schakel (maatwerkbedrijf,
    /// Menen) with Eva (opted out); Fien is a second node for An's address; platform ROSE with An (trekker) and
    /// De Schakel; agreement with OCMW and VDAB as parties; theme Taal addressed by VDAB and by ROSE; a past meeting of
    /// ROSE attended by Bart.
    /// </summary>
    private static GraphSnapshot Graph() => GraphSnapshot.Build(new GraphBuilder()
        .Node("region-w13", "Region", new { name = "W13" })
        .Node("mun-kortrijk", "Municipality", new { name = "Kortrijk" })
        .Node("mun-menen", "Municipality", new { name = "Menen" })
        .Node("org-ocmw", "Organisation", new { name = "OCMW Kortrijk", type = "ocmw", sector = "overheid" })
        .Node("org-vdab", "Organisation", new { name = "VDAB", type = "vdab", sector = "overheid" })
        .Node("org-schakel", "Organisation", new { name = "De Schakel", type = "maatwerkbedrijf", sector = "sociale-economie" })
        .Node("p-an", "Person", new { name = "An", email = "an@example.org", function = "trajectbegeleider" })
        .Node("p-bart", "Person", new { name = "Bart", email = "bart@example.org" })
        .Node("p-cas", "Person", new { name = "Cas", email = "cas@example.org" })
        .Node("p-dirk", "Person", new { name = "Dirk" })
        .Node("p-eva", "Person", new { name = "Eva", email = "eva@example.org", invitationOptOut = true })
        .Node("p-fien", "Person", new { name = "Fien", email = "AN@example.org " })
        .Node("platform-rose", "Platform", new { name = "ROSE", type = "overlegtafel" })
        .Node("agr-vdab", "Agreement", new { title = "Samen sterk", type = "samenwerkingsovereenkomst" })
        .Node("theme-taal", "Theme", new { name = "Taal" })
        .Node("meeting-1", "Meeting", new { title = "ROSE", type = "overleg", start = "2024-03-05T10:00:00+01:00" })
        .Rel("PART_OF", "mun-kortrijk", "region-w13")
        .Rel("PART_OF", "mun-menen", "region-w13")
        .Rel("ACTIVE_IN", "org-ocmw", "mun-kortrijk")
        .Rel("ACTIVE_IN", "org-vdab", "region-w13")
        .Rel("ACTIVE_IN", "org-schakel", "mun-menen")
        .Rel("WORKS_FOR", "p-an", "org-ocmw")
        .Rel("WORKS_FOR", "p-bart", "org-ocmw", properties: new { function = "diensthoofd" })
        .Rel("WORKS_FOR", "p-cas", "org-vdab", properties: new { function = "accountmanager" })
        .Rel("WORKS_FOR", "p-dirk", "org-vdab", properties: new { function = "accountmanager" })
        .Rel("WORKS_FOR", "p-eva", "org-schakel")
        .Rel("WORKS_FOR", "p-fien", "org-ocmw")
        .Rel("MEMBER_OF", "p-an", "platform-rose", properties: new { role = "trekker" })
        .Rel("MEMBER_OF", "org-schakel", "platform-rose")
        .Rel("MEMBER_OF", "p-cas", "platform-rose", validUntil: new DateOnly(2023, 12, 31))
        .Rel("PARTY_TO", "org-ocmw", "agr-vdab")
        .Rel("PARTY_TO", "org-vdab", "agr-vdab")
        .Rel("ADDRESSES", "org-vdab", "theme-taal")
        .Rel("ADDRESSES", "platform-rose", "theme-taal")
        .Rel("OF", "meeting-1", "platform-rose")
        .Rel("ATTENDED", "p-bart", "meeting-1")
        .Build(), Today);

    private static List<string> Ids(InviteListRule rule, IReadOnlyList<string>? add = null, IReadOnlyList<string>? remove = null) =>
        [.. InviteListEvaluator.Evaluate(new InviteListDefinition { Rule = rule, Add = add ?? [], Remove = remove ?? [] }, Graph()).Invitees.Select(i => i.PersonId).Order()];

    [Fact]
    public void Platform_members_are_its_people_and_with_staff_its_organisations_people_as_of_today()
    {
        Assert.Equal(["p-an"], Ids(new PlatformMembersRule { Platform = "platform-rose" }));
        Assert.Equal(["p-an"], Ids(new PlatformMembersRule { Platform = "platform-rose", Roles = ["trekker"] }));
        Assert.Empty(Ids(new PlatformMembersRule { Platform = "platform-rose", Roles = ["secretariaat"] }));
        // Eva (De Schakel) opted out; Cas's membership ended.
        Assert.Equal(["p-an"], Ids(new PlatformMembersRule { Platform = "platform-rose", IncludeOrganisationStaff = true }));
    }

    [Fact]
    public void Function_in_an_area_uses_the_employment_function_then_the_persons_own()
    {
        Assert.Equal(["p-cas", "p-dirk"], Ids(new FunctionRule { Functions = ["accountmanager"], Region = "region-w13" }));
        Assert.Equal(["p-an"], Ids(new FunctionRule { Functions = ["trajectbegeleider"], Municipality = "mun-kortrijk" }));
        Assert.Empty(Ids(new FunctionRule { Functions = ["accountmanager"], Municipality = "mun-menen" }));
    }

    [Fact]
    public void Organisations_by_type_sector_and_area_agreement_parties_theme_and_attendees()
    {
        Assert.Equal(["p-an", "p-bart", "p-cas", "p-dirk"], Ids(new OrganisationsRule { Sectors = ["overheid"] }));
        Assert.Equal(["p-an", "p-bart"], Ids(new OrganisationsRule { Types = ["ocmw"], Region = "region-w13" }));
        Assert.Equal(["p-an", "p-bart", "p-cas", "p-dirk"], Ids(new AgreementPartiesRule { Agreement = "agr-vdab" }));
        // VDAB addresses Taal (Cas, Dirk); ROSE addresses it (An; De Schakel's Eva opted out).
        Assert.Equal(["p-an", "p-cas", "p-dirk"], Ids(new ThemeRule { Theme = "theme-taal" }));
        Assert.Equal(["p-bart"], Ids(new AttendeesRule { Platform = "platform-rose" }));
        Assert.Empty(Ids(new AttendeesRule { Meetings = ["meeting-1"], Since = new DateOnly(2024, 4, 1) }));
        Assert.Equal(["p-cas", "p-dirk"], Ids(new StaffOfRule { Organisations = ["org-vdab"] }));
    }

    [Fact]
    public void All_intersects_any_unites_and_manual_changes_apply_last()
    {
        var government = new OrganisationsRule { Sectors = ["overheid"] };
        Assert.Equal(["p-an"], Ids(new AllRule { Rules = [government, new ThemeRule { Theme = "theme-taal" }, new FunctionRule { Functions = ["trajectbegeleider"] }] }));
        Assert.Equal(["p-an", "p-bart"], Ids(new AnyRule { Rules = [new PlatformMembersRule { Platform = "platform-rose" }, new AttendeesRule { Platform = "platform-rose" }] }));
        Assert.Equal(["p-an", "p-cas"], Ids(new PlatformMembersRule { Platform = "platform-rose" }, add: ["p-cas", "p-eva"], remove: []));
        // With An removed, Fien's node (same address) is no longer a duplicate.
        Assert.Equal(["p-bart", "p-cas", "p-dirk", "p-fien"], Ids(government, remove: ["p-an"]));
    }

    [Fact]
    public void Opt_outs_duplicates_and_missing_addresses_are_reported()
    {
        var result = InviteListEvaluator.Evaluate(new InviteListDefinition
        {
            Rule = new AnyRule { Rules = [new StaffOfRule { Organisations = ["org-ocmw", "org-schakel"] }, new AgreementPartiesRule { Agreement = "agr-vdab" }] },
        }, Graph());

        Assert.Equal(["An", "Bart", "Cas", "Dirk"], result.Invitees.Select(i => i.Name));
        Assert.Contains(result.LeftOut, l => l is { PersonId: "p-eva", Reason: "opt-out" });
        Assert.Contains(result.LeftOut, l => l is { PersonId: "p-fien", Reason: "duplicate-email", DuplicateOf: "p-an" });
        Assert.Equal(["p-dirk"], result.WithoutEmail);
        // An, Bart and Fien matched twice (staff of OCMW and party to the agreement), Fien's address once more.
        Assert.Equal(4, result.DuplicatesRemoved);
        Assert.Equal(["agreement-parties:agr-vdab", "staff-of"], result.Invitees[0].Reasons);
    }

    [Fact]
    public void Validation_names_every_bad_reference_by_path()
    {
        var errors = InviteListEvaluator.Validate(new InviteListDefinition
        {
            Rule = new AnyRule
            {
                Rules =
                [
                    new PlatformMembersRule { Platform = "org-vdab", Roles = ["baas"] },
                    new AllRule { Rules = [] },
                    new FunctionRule(),
                    new ThemeRule { Theme = "no-such-theme" },
                ],
            },
            Add = ["org-vdab"],
        }, Graph());

        Assert.Contains(errors, e => e is { Field: "rule.rules[0].platform", Code: "wrong-kind" });
        Assert.Contains(errors, e => e is { Field: "rule.rules[0].roles[0]", Code: "not-allowed" });
        Assert.Contains(errors, e => e is { Field: "rule.rules[1].rules", Code: "rule-empty" });
        Assert.Contains(errors, e => e is { Field: "rule.rules[2]", Code: "rule-empty" });
        Assert.Contains(errors, e => e is { Field: "rule.rules[3].theme", Code: "unknown-node" });
        Assert.Contains(errors, e => e is { Field: "add[0]", Code: "not-a-person" });
    }
}
