using System.Text;
using Hotline.Engine.Journal;

namespace Hotline.Engine.Tests.Journal;

public sealed class FasterJournalTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"hotline-journal-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private static byte[] Record(int i) => Encoding.UTF8.GetBytes($"record {i} " + new string('x', i % 300));

    private void Write(int from, int count)
    {
        using var journal = new FasterJournal(_dir);
        _ = journal.ReadCommitted().Count();
        for (int i = from; i < from + count; i++)
        {
            journal.Append(Record(i));
            if (i % 100 == 99)
            {
                Commit(journal);
            }
        }

        Commit(journal);
    }

    // Test set-up runs outside the test's synchronization context; block on the commit here.
    private static void Commit(FasterJournal journal) => Task.Run(async () => await journal.CommitAsync()).Wait();

    [Fact]
    public void Reopen_ReadsEveryCommittedRecordInOrder()
    {
        Write(0, 1000);
        Write(1000, 500);
        using var journal = new FasterJournal(_dir);
        var records = journal.ReadCommitted().ToList();
        Assert.Null(journal.RecoveryProblem);
        Assert.Equal(1500, records.Count);
        for (int i = 0; i < records.Count; i++)
        {
            Assert.Equal(Record(i), records[i]);
        }
    }

    [Fact]
    public async Task DiscardFrom_KeepsThePrefix_AndLaterAppendsSurvive()
    {
        Write(0, 200);
        using (var journal = new FasterJournal(_dir))
        {
            Assert.Equal(200, journal.ReadCommitted().Count());
            journal.DiscardFrom(150, "record 151 is damaged");
            Assert.Equal("record 151 is damaged", journal.RecoveryProblem);
            journal.Append(Record(9999));
            await journal.CommitAsync();
        }

        var damaged = Directory.GetDirectories(Path.GetDirectoryName(_dir)!, Path.GetFileName(_dir) + ".damaged-*");
        Assert.Single(damaged);
        using (var journal = new FasterJournal(_dir))
        {
            var records = journal.ReadCommitted().ToList();
            Assert.Null(journal.RecoveryProblem);
            Assert.Equal(151, records.Count);
            Assert.Equal(Record(149), records[149]);
            Assert.Equal(Record(9999), records[^1]);
        }

        Directory.Delete(damaged[0], recursive: true);
    }
}
