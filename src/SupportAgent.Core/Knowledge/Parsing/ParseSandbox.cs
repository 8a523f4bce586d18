using Microsoft.Extensions.Options;

namespace SupportAgent.Core.Knowledge.Parsing;

/// <summary>
/// Runs one document's parse and chunking on its own thread with a large stack and a budget of time and memory.
/// The depth caps keep every walk shallow; the big stack is the second wall, for recursion inside a library that a
/// cap did not foresee, because a stack overflow cannot be caught and would end the whole process.
/// </summary>
public sealed class ParseSandbox(IOptions<ParsingOptions> options, TimeProvider clock)
{
    public ParsingOptions Limits => options.Value;

    public Task<T> RunAsync<T>(string fileName, Func<ParseBudget, T> work, CancellationToken ct)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                using var deadline = new CancellationTokenSource(options.Value.MaxParseTime, clock);
                using var link = ct.Register(deadline.Cancel);
                var result = work(new ParseBudget(options.Value, fileName, deadline.Token));
                if (ct.IsCancellationRequested) done.TrySetCanceled(ct);
                else done.TrySetResult(result);
            }
            catch (DocumentRejectedException) when (ct.IsCancellationRequested) { done.TrySetCanceled(ct); }
            catch (Exception e) { done.TrySetException(e); }
        }, options.Value.ParserStackBytes) { IsBackground = true, Name = "document-parser" };
        thread.Start();
        return done.Task;
    }
}
