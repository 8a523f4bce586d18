namespace SupportAgent.Cli.Commands;

/// <summary>A one-line progress bar on a terminal; plain lines when output is redirected (logs, CI), so nothing is garbled.</summary>
internal sealed class ProgressBar(int total, TextWriter output)
{
    private readonly bool interactive = !Console.IsOutputRedirected;

    public void Report(int done, string item)
    {
        if (!interactive) { output.WriteLine($"[{done}/{total}] {item}"); return; }
        const int width = 30;
        var filled = total == 0 ? width : done * width / total;
        var label = item.Length > 40 ? item[..37] + "..." : item;
        output.Write($"\r[{new string('#', filled)}{new string('-', width - filled)}] {done}/{total} {label,-40}");
        if (done == total) output.WriteLine();
    }
}
