using CIA.Engine.Domain;

namespace CIA.Engine.Tests.Domain;

public sealed class ApplicationBuilderTests
{
    private static ApplicationBuilder Minimal(string id = "DEMO-1") =>
        ApplicationBuilder.Create(id).RegisteredOn(new DateOnly(2024, 3, 1)).MonthlyResources(1300m).TaxIncome(14000m);

    [Fact]
    public void Defaults_are_one_adult_and_nothing_else_declared()
    {
        var a = Minimal().Build();
        a.ShouldBe(new Application(
            new DemandId("DEMO-1"), new DateOnly(2024, 3, 1),
            new Household(1, 0, 0, false, false),
            Euros.FromEuros(1300m), Euros.FromEuros(14000m),
            EmploymentStatus.None, false, MutationReason.None, UrbanRenewal.None, PrefectoralCriteria.None, Reservataire.None,
            a.DesiredCommunes));
        a.DesiredCommunes.ShouldBeEmpty();
        a.CurrentDwellingId.ShouldBeNull();
    }

    [Fact]
    public void Every_field_given_by_name_lands_in_its_place()
    {
        var a = Minimal("DEMO-2").Adults(2).Children(3).Dependants(2).DisabledMember()
            .Employment(EmploymentStatus.Employed).Mutation(MutationReason.OverOccupation, " DW-7 ")
            .UrbanRenewal(UrbanRenewal.Anru).PrefectoralCriteria(PrefectoralCriteria.Dalo)
            .ReservedBy(Reservataire.Prefecture).DesiredCommunes("44109", "44190").Build();
        a.Household.ShouldBe(new Household(2, 3, 2, false, true));
        a.Employment.ShouldBe(EmploymentStatus.Employed);
        a.IsMutation.ShouldBeTrue();
        a.MutationReason.ShouldBe(MutationReason.OverOccupation);
        a.CurrentDwellingId.ShouldBe("DW-7");
        a.UrbanRenewal.ShouldBe(UrbanRenewal.Anru);
        a.PrefectoralCriteria.ShouldBe(PrefectoralCriteria.Dalo);
        a.ReservedBy.ShouldBe(Reservataire.Prefecture);
        a.DesiredCommunes.Select(c => c.Value).ShouldBe(["44109", "44190"]);
    }

    [Fact]
    public void Dependants_default_to_the_children_under_14_as_in_the_demand_file()
    {
        Minimal().Children(2).Build().Household.Dependants.ShouldBe(2);
    }

    [Fact]
    public void A_young_couple_is_two_persons_without_dependants()
    {
        Minimal().Adults(2).YoungCouple().Build().Household.YoungCouple.ShouldBeTrue();
        Should.Throw<ArgumentException>(() => Minimal().Adults(1).Children(1).Dependants(1).YoungCouple().Build())
            .Message.ShouldContain("young couple");
    }

    [Fact]
    public void Every_problem_is_listed_at_once_without_the_values()
    {
        var e = Should.Throw<ArgumentException>(() => ApplicationBuilder.Create("DEMO-3")
            .Adults(0).Children(-1).MonthlyResources(1234.567m).DesiredCommunes("4410", "44109").Build());
        e.Message.ShouldContain("registration date is required");
        e.Message.ShouldContain("at least one person aged 14 or more");
        e.Message.ShouldContain("children under 14: from 0 to 50");
        e.Message.ShouldContain("monthly resources (MonthlyResources): at most two decimals");
        e.Message.ShouldContain("tax income (TaxIncome) is required");
        e.Message.ShouldContain("desired commune 1 is not an INSEE commune code");
        e.Message.ShouldNotContain("1234");
        e.Message.ShouldNotContain("4410,");
        e.Message.ShouldNotContain("'4410'");
    }

    [Fact]
    public void Amounts_beyond_the_demand_files_limits_are_refused()
    {
        // DemandCsv: monthly resources at most 1 000 000 €, tax income at most 20 000 000 €.
        Should.Throw<ArgumentException>(() => Minimal().MonthlyResources(1_000_000.01m).Build()).Message.ShouldContain("monthly resources");
        Should.Throw<ArgumentException>(() => Minimal().TaxIncome(-1m).Build()).Message.ShouldContain("tax income");
        Minimal().MonthlyResources(1_000_000m).TaxIncome(20_000_000m).Build().TaxIncome.ShouldBe(Euros.FromEuros(20_000_000m));
    }

    [Fact]
    public void As_many_dependants_as_persons_is_refused()
    {
        Should.Throw<ArgumentException>(() => Minimal().Adults(1).Children(1).Dependants(2).Build())
            .Message.ShouldContain("at least one person is not a dependant");
    }

    [Fact]
    public void A_later_call_replaces_an_earlier_bad_value()
    {
        Minimal().MonthlyResources(1.001m).MonthlyResources(1300m).DesiredCommunes("bad").DesiredCommunes("44109").Build()
            .MonthlyResources.ShouldBe(Euros.FromEuros(1300m));
    }

    [Fact]
    public void A_blank_id_is_refused()
    {
        Should.Throw<ArgumentException>(() => ApplicationBuilder.Create(" "));
    }
}
