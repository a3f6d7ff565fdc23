namespace Hotline.Host.Http;

/// <summary>A keys file that cannot be used; the message names the file and every bad entry.</summary>
internal sealed class ApiKeysException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ApiKeysException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public ApiKeysException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public ApiKeysException()
    {
    }
}
