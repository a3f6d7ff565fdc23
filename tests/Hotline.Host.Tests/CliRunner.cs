namespace Hotline.Host.Tests;

/// <summary>Runs the <c>hotline</c> command line in-process and captures what it writes.</summary>
internal static class CliRunner
{
    public static (int Exit, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int exit = HotlineCli.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs with <paramref name="stdin"/> as standard input.</summary>
    public static (int Exit, string Out, string Err) RunWithInput(string stdin, params string[] args)
    {
        using var input = new StringReader(stdin);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int exit = HotlineCli.Run(args, input, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
