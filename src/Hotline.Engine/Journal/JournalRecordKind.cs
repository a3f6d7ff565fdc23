namespace Hotline.Engine.Journal;

/// <summary>What a journal record holds.</summary>
internal enum JournalRecordKind : byte
{
    /// <summary>A command and its events.</summary>
    Command = 1,

    /// <summary>A holiday calendar that applies from this point on (a resumed run's new --calendar).</summary>
    Calendar = 2,

    /// <summary>The dispatch catalog in force from this point on (at creation, or a resumed run's new --catalog).</summary>
    Catalog = 3,
}
