using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Hotline.Engine.Calendar;
using Hotline.Engine.Profiles;
using Hotline.Engine.Tickets;

namespace Hotline.Engine.Tests.Profiles;

public class HandleClockRuleTests
{
    private static readonly WorkingDuration Statutory = WorkingDuration.WorkingDays(30);
    private static readonly WorkingDuration Catalog = WorkingDuration.WorkingDays(7);

    // Linyi-like: consultation 1wd, others 3wd; complex names every kind but consultation; urgent only complaints.
    private static readonly HandleClockRule Rule = new(
        ClockStart.Dispatch,
        new KindLimits([new(TicketKind.Consultation, WorkingDuration.WorkingDays(1))], WorkingDuration.WorkingDays(3)),
        complex: new KindLimits(
            [new(TicketKind.Complaint, WorkingDuration.WorkingDays(5)), new(TicketKind.Help, WorkingDuration.WorkingDays(5))]),
        urgent: new KindLimits([new(TicketKind.Complaint, WorkingDuration.WorkingHours(4))]));

    [Theory]
    //          kind                     complex urgent catalog statutory expected
    [InlineData(TicketKind.Complaint, true, true, true, true, "30wd")] // statutory beats everything
    [InlineData(TicketKind.Complaint, true, true, true, false, "4wh")] // urgent beats catalog
    [InlineData(TicketKind.Complaint, true, false, true, false, "7wd")] // catalog beats complex
    [InlineData(TicketKind.Complaint, true, false, false, false, "5wd")] // complex beats kind
    [InlineData(TicketKind.Complaint, false, false, false, false, "3wd")] // kind via default
    [InlineData(TicketKind.Consultation, false, false, false, false, "1wd")] // kind by name
    public void LimitFor_Precedence_StatutoryUrgentCatalogComplexKind(
        TicketKind kind, bool complex, bool urgent, bool catalog, bool statutory, string expected)
    {
        var limit = Rule.LimitFor(kind, complex, urgent, catalog ? Catalog : null, statutory ? Statutory : null);
        Assert.Equal(expected, limit.ToString());
    }

    [Fact]
    public void LimitFor_UrgentMapWithoutKind_KeepsCatalogLimit()
    {
        // Spec §7.16: urgent names only complaints, so an urgent help ticket keeps the catalog's limit.
        Assert.Equal(Catalog, Rule.LimitFor(TicketKind.Help, complex: false, urgent: true, Catalog, null));
    }

    [Fact]
    public void LimitFor_UrgentMapWithoutKindAndNoCatalog_FallsToComplexThenKind()
    {
        Assert.Equal(WorkingDuration.WorkingDays(5), Rule.LimitFor(TicketKind.Help, complex: true, urgent: true, null, null));
        Assert.Equal(WorkingDuration.WorkingDays(3), Rule.LimitFor(TicketKind.Help, complex: false, urgent: true, null, null));
    }

    [Fact]
    public void LimitFor_ComplexMapWithoutKind_KeepsKindLimit()
    {
        // Linyi 2016 art. 22(1): a complex consultation is still answered within 1 working day.
        Assert.Equal(WorkingDuration.WorkingDays(1), Rule.LimitFor(TicketKind.Consultation, complex: true, urgent: false, null, null));
    }

    [Fact]
    public void LimitFor_ComplexForEveryKind_AppliesToAllKinds()
    {
        var rule = new HandleClockRule(ClockStart.Sign, KindLimits.All(WorkingDuration.WorkingDays(3)), KindLimits.All(WorkingDuration.WorkingDays(5)));
        foreach (var kind in Enum.GetValues<TicketKind>())
        {
            Assert.Equal(WorkingDuration.WorkingDays(5), rule.LimitFor(kind, complex: true, urgent: false, null, null));
        }
    }

    [Fact]
    public void Constructor_LimitMissingAKind_Throws()
    {
        var partial = new KindLimits([new(TicketKind.Consultation, WorkingDuration.WorkingDays(1))]);
        Assert.Throws<ArgumentException>(() => new HandleClockRule(ClockStart.Dispatch, partial));
    }

    // --- properties against a reference model ----------------------------------------------

    /// <summary>A kind table as plain data: a slot per kind (null = not named) and a default.</summary>
    public sealed record Table(WorkingDuration?[] Slots, WorkingDuration? Default)
    {
        public WorkingDuration? For(TicketKind kind) => Slots[(int)kind] ?? Default;

        public KindLimits ToKindLimits() => new(
            Enum.GetValues<TicketKind>()
                .Where(k => Slots[(int)k] is not null)
                .Select(k => new KeyValuePair<TicketKind, WorkingDuration>(k, Slots[(int)k]!.Value)),
            Default);
    }

    public sealed record Case(
        Table Limit, Table? Complex, Table? Urgent, TicketKind Kind, bool IsComplex, bool IsUrgent,
        WorkingDuration? CatalogLimit, WorkingDuration? StatutoryLimit)
    {
        public HandleClockRule Rule() =>
            new(ClockStart.Dispatch, Limit.ToKindLimits(), Complex?.ToKindLimits(), Urgent?.ToKindLimits());

        public override string ToString() =>
            $"{Kind} complex={IsComplex} urgent={IsUrgent} catalog={CatalogLimit} statutory={StatutoryLimit}";
    }

    private static readonly Gen<WorkingDuration> Durations =
        from amount in Gen.Choose(0, 40)
        from unit in Gen.Elements(Enum.GetValues<DurationUnit>())
        select new WorkingDuration(amount, unit);

    private static readonly Gen<WorkingDuration?> MaybeDurations =
        Gen.Frequency((1, Gen.Constant<WorkingDuration?>(null)), (1, Durations.Select(d => (WorkingDuration?)d)));

    private static readonly Gen<Table> Tables =
        from slots in Gen.ArrayOf(MaybeDurations, Enum.GetValues<TicketKind>().Length)
        from @default in MaybeDurations
        select new Table(slots, @default);

    private static readonly Gen<Table> CoveringTables =
        from table in Tables
        from fill in Durations
        select table.Default is null && table.Slots.Any(s => s is null) ? table with { Default = fill } : table;

    private static readonly Gen<Case> Cases =
        from limit in CoveringTables
        from complex in Gen.Frequency((1, Gen.Constant<Table?>(null)), (3, Tables.Select(t => (Table?)t)))
        from urgent in Gen.Frequency((1, Gen.Constant<Table?>(null)), (3, Tables.Select(t => (Table?)t)))
        from kind in Gen.Elements(Enum.GetValues<TicketKind>())
        from isComplex in Gen.Elements(true, false)
        from isUrgent in Gen.Elements(true, false)
        from catalog in MaybeDurations
        from statutory in Gen.Frequency((3, Gen.Constant<WorkingDuration?>(null)), (1, Durations.Select(d => (WorkingDuration?)d)))
        select new Case(limit, complex, urgent, kind, isComplex, isUrgent, catalog, statutory);

    /// <summary>Spec §2.2 read literally: the first limit that applies, in order of precedence.</summary>
    private static WorkingDuration Reference(Case c)
    {
        WorkingDuration?[] candidates =
        [
            c.StatutoryLimit,
            c.IsUrgent ? c.Urgent?.For(c.Kind) : null,
            c.CatalogLimit,
            c.IsComplex ? c.Complex?.For(c.Kind) : null,
            c.Limit.For(c.Kind),
        ];
        return candidates.First(x => x is not null)!.Value;
    }

    [Property(MaxTest = 500)]
    public Property LimitFor_AgreesWithReferenceModel() =>
        Prop.ForAll(Cases.ToArbitrary(), c =>
            c.Rule().LimitFor(c.Kind, c.IsComplex, c.IsUrgent, c.CatalogLimit, c.StatutoryLimit) == Reference(c));

    [Property(MaxTest = 300)]
    public Property LimitFor_FlagWhoseMapOmitsKind_ChangesNothing() =>
        Prop.ForAll(Cases.ToArbitrary(), c =>
        {
            // Spec §7.16: an urgent/complex table that does not cover the kind is as if the flag were off.
            var rule = c.Rule();
            var actual = rule.LimitFor(c.Kind, c.IsComplex, c.IsUrgent, c.CatalogLimit, c.StatutoryLimit);
            bool urgentSilent = c.Urgent?.For(c.Kind) is null;
            bool complexSilent = c.Complex?.For(c.Kind) is null;
            return (!urgentSilent || actual == rule.LimitFor(c.Kind, c.IsComplex, false, c.CatalogLimit, c.StatutoryLimit))
                && (!complexSilent || actual == rule.LimitFor(c.Kind, false, c.IsUrgent, c.CatalogLimit, c.StatutoryLimit));
        });

    [Property(MaxTest = 200)]
    public Property ToJson_RandomHandleRule_RoundTrips() =>
        Prop.ForAll(Cases.ToArbitrary(), c =>
        {
            var profile = new PolicyProfile("random", handle: c.Rule());
            string json = profile.ToJson();
            var again = PolicyProfile.Parse(json, "round-trip");
            return again.ToJson() == json
                && again.Handle!.LimitFor(c.Kind, c.IsComplex, c.IsUrgent, c.CatalogLimit, c.StatutoryLimit) == Reference(c);
        });
}
