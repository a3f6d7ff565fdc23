using Hotline.Engine.Catalog;

namespace Hotline.Engine.Tests.Catalog;

public class CsvTests
{
    private static List<Csv.Record> Read(string text, List<string>? problems = null) =>
        Csv.Read(new StringReader(text), "t.csv", problems ?? []);

    [Fact]
    public void Read_Rfc4180Quoting()
    {
        var records = Read("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"multi\r\nline\",,x\r\n");
        Assert.Equal(2, records.Count);
        Assert.Equal(["a", "b,c", "say \"hi\""], records[0].Fields);
        Assert.Equal(["multi\r\nline", "", "x"], records[1].Fields);
        Assert.Equal(1, records[0].Line);
        Assert.Equal(2, records[1].Line);
    }

    [Fact]
    public void Read_LinesAfterAQuotedLineBreak_KeepTheirPhysicalNumber()
    {
        var records = Read("h\n\"x\ny\"\n\nz");
        Assert.Equal([1, 2, 5], records.Select(r => r.Line));
        Assert.Equal(["z"], records[2].Fields);
    }

    [Fact]
    public void Read_TextAfterClosingQuote_IsAProblem()
    {
        var problems = new List<string>();
        Read("a,\"b\"c\n", problems);
        Assert.Equal(["t.csv line 1: unexpected text after a closing quote; a quote inside a field must be doubled (\"\")"], problems);
    }

    [Fact]
    public void Write_QuotesOnlyWhatNeedsIt()
    {
        var writer = new StringWriter();
        Csv.WriteRecord(writer, "plain", "a,b", "q\"q", null, "l\nf");
        Assert.Equal("plain,\"a,b\",\"q\"\"q\",,\"l\nf\"\r\n", writer.ToString());
    }
}
