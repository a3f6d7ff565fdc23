namespace Hotline.Engine.Journal;

/// <summary>
/// The data directory or its journal cannot be used: locked by another process, made by a newer
/// engine or with another profile, a wrong key, an unwritable disk. The message says what to do.
/// </summary>
public sealed class JournalException : Exception
{
    /// <summary>Creates the exception.</summary>
    public JournalException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public JournalException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception with a generic message.</summary>
    public JournalException()
        : this("The journal cannot be used.")
    {
    }
}
