using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Hotline.Engine.Calendar;

namespace Hotline.Engine.Tests.Calendar;

public class WorkingDurationTests
{
    [Theory]
    [InlineData("3wd", 3, DurationUnit.WorkingDays)]
    [InlineData("4wh", 4, DurationUnit.WorkingHours)]
    [InlineData("72h", 72, DurationUnit.Hours)]
    [InlineData("2d", 2, DurationUnit.Days)]
    [InlineData("0h", 0, DurationUnit.Hours)]
    public void Parse_ValidText_GivesAmountAndUnit(string text, int amount, DurationUnit unit)
    {
        var d = WorkingDuration.Parse(text);
        Assert.Equal(amount, d.Amount);
        Assert.Equal(unit, d.Unit);
    }

    [Theory]
    [InlineData("3xd")]
    [InlineData("-1wd")]
    [InlineData("wd")]
    [InlineData("")]
    [InlineData(" 3wd")]
    [InlineData("3 wd")]
    [InlineData("3WD")]
    [InlineData("1.5h")]
    [InlineData("99999999999wd")]
    public void Parse_InvalidText_ThrowsNamingTheValue(string text)
    {
        var ex = Assert.Throws<FormatException>(() => WorkingDuration.Parse(text));
        Assert.Contains($"'{text}'", ex.Message, StringComparison.Ordinal);
    }

    [Property]
    public Property ToString_RoundTrips()
    {
        var gen = from amount in Gen.Choose(0, 100_000)
                  from unit in Gen.Elements(Enum.GetValues<DurationUnit>())
                  select new WorkingDuration(amount, unit);
        return Prop.ForAll(gen.ToArbitrary(), d => WorkingDuration.Parse(d.ToString()) == d);
    }
}
